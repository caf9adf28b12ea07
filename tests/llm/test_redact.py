import logging

from interviewer.llm.redact import MASK, RedactingFilter, redact

KEY = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def test_full_key_fragments_and_masked_echoes_are_hidden() -> None:
    text = (
        f"Incorrect API key provided: {KEY}. Also sk-proj-ABCD************6789 and "
        f"Authorization: Bearer {KEY[:20]}"
    )
    cleaned = redact(text, KEY)
    assert KEY not in cleaned
    assert "sk-proj-ABCD" not in cleaned
    assert "ABCDEFGHIJKL" not in cleaned
    assert MASK in cleaned
    assert cleaned.startswith("Incorrect API key provided: ")


def test_without_a_secret_only_bearer_tokens_are_masked() -> None:
    assert redact("plain text", None) == "plain text"
    assert redact("Authorization: Bearer abc.def", None) == f"Authorization: Bearer {MASK}"


def test_log_filter_rewrites_the_formatted_message(caplog) -> None:
    logger = logging.getLogger("tests.redact")
    filt = RedactingFilter(KEY)
    logger.addFilter(filt)
    try:
        with caplog.at_level(logging.WARNING, logger="tests.redact"):
            logger.warning("request failed with key %s", KEY)
    finally:
        logger.removeFilter(filt)
    assert caplog.records
    assert KEY not in caplog.text
