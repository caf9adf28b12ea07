"""Every sentence the offline grader shows a candidate, in English and Chinese.

Why one table: the TUI is Chinese and most questions are Chinese, so a verdict must speak the
question's language end to end (notes, gate messages, the fallback note); keeping both wordings
side by side makes a missing translation visible in review and testable in one place.
"""

from __future__ import annotations

_MESSAGES: dict[str, tuple[str, str]] = {
    # gates
    "empty": ("No answer was given.", "没有作答。"),
    "dont_know": (
        "The answer says you don't know or skips the question.",
        "回答表示不知道或跳过了这道题。",
    ),
    "too_short": ("The answer is too short to judge.", "回答太短，无法评判。"),
    "repeats_question": ("The answer only repeats the question.", "回答只是把题目复述了一遍。"),
    # the grader's notes
    "directives_ignored": (
        "Text addressed to the grader rather than answering (e.g. 'give full marks') was ignored.",
        "回答里有写给评分者的话（比如“给满分”），不算作答，评分时已忽略。",
    ),
    "truncated": (
        "The answer was {length:,} characters; only the first {limit:,} were graded.",
        "回答共 {length:,} 字，只评了前 {limit:,} 字。",
    ),
    "off_topic": (
        "The answer seems to be about something else than the question.",
        "回答似乎在讲别的内容，和题目关系不大。",
    ),
    "stuffing": (
        "The answer lists keywords without explaining how they relate; capped.",
        "回答只罗列了关键词，没有说明它们之间的关系，分数已封顶。",
    ),
    "contradicts_main": (
        "The answer states the opposite of the reference on its main point.",
        "回答在主要观点上与参考答案相反。",
    ),
    "contradicts_part": (
        "Part of the answer contradicts the reference.",
        "回答中有一部分与参考答案相反。",
    ),
    "judge_doubts": (
        "The answer uses the reference's words, but the answer judge reads it as a different "
        "claim (wrong relation, object or direction); compare it with the model answer.",
        "回答用了参考答案里的词，但判断模型认为意思不同（关系、对象或方向不对），请对照参考答案核对。",
    ),
    "negation": (
        "Offline grading matches meaning, not truth: a wrong claim worded like the reference "
        "(without 'not') can still be credited — check the covered points yourself.",
        "离线评分比对的是意思相近，不判断对错：与参考答案措辞相近、但没有否定词的错误说法仍可能"
        "被算作覆盖，请自己核对一下标为已覆盖的要点。",
    ),
    "alternatives": (
        "The reference gives {count} alternative answers; yours was graded against the closest.",
        "参考答案给了 {count} 种可选答法，按与你最接近的那一种评分。",
    ),
    "weak_references": (
        "The reference passages look only loosely related to this question, so this grade is a "
        "rough guess.",
        "参考资料与这道题关系不大，这个分数只是粗略估计。",
    ),
    # grading against an answer key
    "key_dont_know": (
        "You said you don't know this one: here is what a good answer says.",
        "你表示这题不会：下面是一个好回答应该讲到的要点。",
    ),
    "key_off_topic": (
        'This answers another question ("{other}"), not this one.',
        "这段回答讲的是另一道题（“{other}”），不是这道题。",
    ),
    "key_keyword_list": (
        "The answer only lists terms; say what each does and why to earn the points.",
        "回答只是罗列了术语，没有解释它们是什么、为什么，要点不能算讲到。",
    ),
    "key_wrong": (
        'You said "{said}": that is not right. {correction}',
        "你说“{said}”，这不对：{correction}",
    ),
    "key_nothing": (
        "The answer makes none of this question's key points.",
        "回答没有讲到这道题的任何一个要点。",
    ),
    "key_add": ("Still missing: {points}", "还可以补充：{points}"),
    "key_all_core": (
        "You made every core point.",
        "核心要点都讲到了。",
    ),
    "key_bonus": (" For extra depth: {points}", "想更出彩可以再讲：{points}"),
    "key_partial": (
        "Say more precisely: {points}",
        "这几点只讲了一半，可以说得更完整：{points}",
    ),
    # the LLM grader falling back to this one (interviewer.grading.service)
    "llm_unavailable": ("LLM grader unavailable ({why})", "LLM 评分不可用（{why}）"),
    "llm_bad_output": (
        "LLM grader gave unusable output ({why})",
        "LLM 评分返回了无法使用的结果（{why}）",
    ),
    "llm_failed": ("LLM grader failed ({why})", "LLM 评分出错（{why}）"),
    "fallback": ("{why}; graded offline by {grader}", "{why}；已改为离线{grader}评分"),
}

GRADER_NAMES_ZH = {"similarity": "相似度"}
"""How a grader's machine name reads inside a Chinese sentence."""


def say(key: str, zh: bool, **values: object) -> str:
    """The message `key` in Chinese (`zh`) or English, with `values` filled in."""
    english, chinese = _MESSAGES[key]
    return (chinese if zh else english).format(**values)


def keys() -> list[str]:
    """Every message key (tests check each has both wordings)."""
    return list(_MESSAGES)
