import pytest

from interviewer.llm.client import LLMBadOutput
from interviewer.llm.jsonparse import parse_json_object


@pytest.mark.parametrize(
    "reply",
    [
        '{"a": 1}',
        '```json\n{"a": 1}\n```',
        'Here you go:\n```\n{"a": 1}\n```\nHope it helps',
        'Sure! {"a": 1} -- done',
    ],
)
def test_the_object_is_found_in_common_reply_shapes(reply: str) -> None:
    assert parse_json_object(reply) == {"a": 1}


@pytest.mark.parametrize("reply", ["not json", "[1, 2]", '{"a": 1', "```json\n{oops}\n```"])
def test_no_object_is_an_error(reply: str) -> None:
    with pytest.raises(LLMBadOutput):
        parse_json_object(reply)
