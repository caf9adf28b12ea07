"""Settings: CLI overrides beat the environment, which beats the config file, which beats the
defaults; a bad value or a malformed file is one ConfigError line; a key that names no setting or
a config path that is not there is one warning, and the settings still load."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from interviewer.config import Settings, config_warnings, load_settings
from interviewer.errors import ConfigError
from tests.cli.clirun import run_main


@pytest.fixture
def config_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(path))
    return path


def test_defaults(config_file):
    settings = load_settings()
    assert settings.llm_model is None and not settings.llm_enabled
    assert settings.llm_timeout == 60.0 and settings.llm_max_retries == 2
    assert settings.embed_model == "multilingual-e5-small"


def test_file_then_environment_then_overrides(config_file, monkeypatch):
    config_file.write_text(
        'llm_model = "from-file"\nllm_timeout = 5\nllm_base_url = "http://file/v1"\n'
        'offline = true\njudge = true\nsomething_else = 1\n',
        "utf-8",
    )
    settings = load_settings()
    assert (settings.llm_model, settings.llm_timeout, settings.offline) == ("from-file", 5.0, True)
    assert settings.llm_base_url == "http://file/v1" and settings.judge
    assert config_warnings() == [f"{config_file}: unknown setting 'something_else' ignored"]

    monkeypatch.setenv("INTERVIEWER_LLM_MODEL", "from-env")
    monkeypatch.setenv("interviewer_llm_timeout", "7.5")  # any case, as before
    monkeypatch.setenv("INTERVIEWER_OFFLINE", "false")
    settings = load_settings()
    assert (settings.llm_model, settings.llm_timeout, settings.offline) == ("from-env", 7.5, False)

    settings = load_settings(llm_model="from-cli", llm_timeout=None)  # None: not given
    assert settings.llm_model == "from-cli" and settings.llm_timeout == 7.5
    assert Settings(llm_model="direct").llm_model == "direct"
    assert Settings().llm_model == "from-env"  # direct construction reads the same sources


def test_openai_variables_are_fallbacks(config_file, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://openai/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    settings = load_settings()
    assert settings.llm_base_url == "http://openai/v1"
    assert settings.llm_api_key.get_secret_value() == "sk-openai"
    assert "sk-openai" not in repr(settings)
    monkeypatch.setenv("INTERVIEWER_LLM_BASE_URL", "http://mine/v1")
    monkeypatch.setenv("INTERVIEWER_LLM_API_KEY", "sk-mine")
    settings = load_settings()
    assert settings.llm_base_url == "http://mine/v1"
    assert settings.llm_api_key.get_secret_value() == "sk-mine"


def test_paths_follow_the_data_home(config_file, isolated_home):
    settings = load_settings()
    assert settings.db_path == isolated_home / "history.sqlite3"
    assert load_settings(db_path=str(isolated_home / "x.db")).db_path == isolated_home / "x.db"


def test_settings_are_frozen_and_copied_with_changes(config_file):
    settings = load_settings(llm_model="m")
    with pytest.raises(ValueError):
        settings.llm_model = "other"  # type: ignore[misc]
    assert settings.model_copy(update={"llm_model": "n"}).llm_model == "n"


def test_a_bad_value_is_one_line(config_file, monkeypatch):
    monkeypatch.setenv("INTERVIEWER_LLM_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match="invalid setting llm_timeout"):
        load_settings()


def test_a_malformed_config_file_is_one_line(config_file):
    config_file.write_text("llm_model = \n", "utf-8")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings()


def test_a_misspelt_key_is_named_with_the_setting_it_resembles(config_file):
    config_file.write_text('llm_modle = "qwen2.5:7b"\nLLM_BASE_URL = "http://x/v1"\n', "utf-8")
    settings = load_settings()  # the app still starts, offline as before
    assert settings.llm_model is None and settings.llm_base_url == "http://x/v1"
    assert config_warnings() == [
        f"{config_file}: unknown setting 'llm_modle' ignored (did you mean 'llm_model'?)"
    ]


def test_a_config_path_that_is_not_there_is_named(config_file, tmp_path, monkeypatch):
    assert not config_file.exists()
    assert config_warnings() == [
        f"INTERVIEWER_CONFIG names {config_file}, which does not exist: no config file was read"
    ]
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(tmp_path))
    assert config_warnings() == [
        f"INTERVIEWER_CONFIG names {tmp_path}, which is not a file: no config file was read"
    ]
    assert load_settings().llm_model is None


def test_no_config_file_and_a_good_one_say_nothing(config_file, monkeypatch):
    monkeypatch.delenv("INTERVIEWER_CONFIG")  # the default path, absent: nothing to say
    assert config_warnings() == []
    monkeypatch.setenv("INTERVIEWER_CONFIG", str(config_file))
    config_file.write_text('llm_model = "m"\noffline = true\n', "utf-8")
    assert config_warnings() == []
    config_file.write_text("llm_model = \n", "utf-8")
    assert config_warnings() == []  # malformed: load_settings' one error line, not a warning


def test_every_command_prints_them_as_warning_lines(config_file, monkeypatch, capsys):
    config_file.write_text('llm_modle = "m"\n', "utf-8")
    run = run_main(monkeypatch, capsys, "history")
    assert run.code == 0
    assert run.err == (
        f"warning: {config_file}: unknown setting 'llm_modle' ignored (did you mean 'llm_model'?)\n"
    )


def test_reading_settings_does_not_import_pydantic_settings():
    code = "import sys, interviewer.config as c; c.load_settings()\n"
    code += "print('pydantic_settings' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "False"
