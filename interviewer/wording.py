"""Every sentence and label the candidate reads, in English and Chinese: the graders' findings,
feedback, follow-up questions, hints, the interview's own notes, the verdict card and every screen
of the TUI (a test keeps Chinese literals out of interviewer/tui).

Why one table: a verdict must speak one language end to end (the question's), and keeping both
wordings side by side makes a missing translation visible in review and testable in one place
(tests/test_wording.py). Callers say *which* message (a key and its values); the words live here.

Why here, at the bottom of the layers (beside `vocabulary`, importing only `interviewer.types`):
the interview words verdicts (`interview/explain.py`), hints and follow-ups, the TUI lays out the
verdict card and the progress report names the same answer parts, so every one of them must be
able to read it. Grading may not (a contract in pyproject.toml): a grader returns facts — statuses,
evidence, a score, the kinds of its findings — and never words them.

Which language: what the grader found is said in the question's language (`zh` from the question).
The interviewer's own voice — hints, the notes of a skip or a hint, the TUI around the verdict —
speaks `INTERFACE_ZH` (Chinese), like the questions phrasing.py puts.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from interviewer.types.verdict import Label

INTERFACE_ZH = True
"""The TUI and the interviewer's own voice speak Chinese (phrasing.py's templates are Chinese)."""

_MESSAGES: dict[str, tuple[str, str]] = {
    # --- findings: what a grader noticed, by kind (GateResult.reason, Finding.kind) ----------
    # gates
    "empty": ("No answer was given.", "没有作答。"),
    "too_short": ("The answer is too short to judge.", "回答太短，无法评判。"),
    "repeats_question": ("The answer only repeats the question.", "回答只是把题目复述了一遍。"),
    # the similarity grader
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
    "key_off_topic": (
        'This answers another question ("{other}"), not this one.',
        "这段回答讲的是另一道题（“{other}”），不是这道题。",
    ),
    "key_keyword_list": (
        "The answer only lists terms; say what each does and why to earn the points.",
        "回答只是罗列了术语，没有解释它们是什么、为什么，要点不能算讲到。",
    ),
    "key_brief": (
        "Every core point is there, but in a sentence each: an interviewer wants the why and "
        "the how behind them.",
        "核心要点都提到了，但每点只有一句：面试官想听你展开讲原因和细节。",
    ),
    "key_thin": (
        "Only part of the core, a sentence each: cover the rest of it and explain the why and "
        "the how.",
        "回答太简略：只讲到部分核心要点，而且都是一句带过；把其余要点讲全，再展开讲原因和细节。",
    ),
    "key_nothing": (
        "The answer makes none of this question's key points.",
        "回答没有讲到这道题的任何一个要点。",
    ),
    # the LLM grader
    "llm_truncated": (
        "Only the first {limit} characters of the answer were graded.",
        "回答只评了前 {limit} 个字符。",
    ),
    "llm_no_reference": (
        "No reference passage: key points come from the model's own knowledge.",
        "没有参考资料：要点来自模型自己的知识。",
    ),
    "llm_sentence_points": (
        "Key points are reference sentences (the model could not extract them).",
        "要点直接取自参考资料的句子（模型没能提炼出要点）。",
    ),
    "llm_unquoted": (
        "{count} point(s) not credited: the quoted evidence is not in the answer (in the "
        "candidate's own words).",
        "{count} 个要点不算分：引用的证据不在回答里（须是候选人自己的话）。",
    ),
    "llm_thin_quotes": (
        "{count} point(s) not credited: the quote is too short to carry the point, or the same "
        "words were cited for other points.",
        "{count} 个要点不算分：引用太短，撑不起这个要点，或同一句话被拿来证明了别的要点。",
    ),
    # the LLM grader falling back to the offline one (Finding "fallback": cause, why)
    "llm_unavailable": ("LLM grader unavailable ({why})", "LLM 评分不可用（{why}）"),
    "llm_bad_output": (
        "LLM grader gave unusable output ({why})",
        "LLM 评分返回了无法使用的结果（{why}）",
    ),
    "llm_failed": ("LLM grader failed ({why})", "LLM 评分出错（{why}）"),
    "fallback": ("{why}; graded offline {how}", "{why}；已改为离线{how}评分"),
    "graded_by_similarity": ("by similarity", "相似度"),
    "graded_by_key": ("against the answer key", "按答案要点"),
    # --- feedback ------------------------------------------------------------------------
    # against reference passages
    "feedback_contradicted": (
        "These statements contradict the reference, check them: {points}.",
        "这些说法与参考答案相反，请核对：{points}。",
    ),
    "feedback_reference_points": (
        "The reference's key points: {points}.",
        "参考答案的要点：{points}。",
    ),
    "feedback_add": ("Add: {points}.", "可以补充：{points}。"),
    "feedback_specific": ("Be more specific about: {points}.", "可以讲得更具体：{points}。"),
    "feedback_complete": (
        "All key points covered. An example or the reason why would round it off.",
        "要点都覆盖到了。可以再举个例子或说明原因，让回答更完整。",
    ),
    # against an answer key
    "key_wrong": (
        'You said "{said}": that is not right. {correction}',
        "你说“{said}”，这不对：{correction}",
    ),
    "key_add": ("Still missing: {points}", "还可以补充：{points}"),
    "key_all_core": (
        "You made every core point.",
        "核心要点都讲到了。",
    ),
    "key_bonus": ("For extra depth: {points}", "想更出彩可以再讲：{points}"),
    "key_named": (
        'You mentioned "{named}" — now say what it means: {points}',
        "你提到了“{named}”，可以再展开讲讲：{points}",
    ),
    "key_partial": (
        "Say more precisely: {points}",
        "这几点只讲了一半，可以说得更完整：{points}",
    ),
    # --- the follow-up question about the biggest gap (named: one or two terms of it) -----
    "follow_wrong": (
        "Think again about what you said on {named} — is it right? Why?",
        "你刚才关于{named}的说法，再想想对吗？为什么？",
    ),
    "follow_wrong_unnamed": (
        "Part of what you said contradicts the reference — is it right? Why?",
        "你刚才有一个说法和参考答案相反，再想想对吗？为什么？",
    ),
    "follow_what_else": (
        "What else belongs in a full answer to this question?",
        "这道题还有哪些要点你没讲到？能再补充一下吗？",
    ),
    # the named terms are ones the answer did not say (grading.naming): never "you mentioned"
    "follow_partial": (
        "Can you be more specific about {named} — what role does it play here?",
        "关于{named}，能再讲具体一些吗？它在这里起什么作用？",
    ),
    "follow_partial_many": (
        "Can you be more specific about {named} — what role do they play here?",
        "关于{named}，能再讲具体一些吗？它们在这里起什么作用？",
    ),
    "follow_missing": (
        "You didn't say much about {named} — what role does it play here?",
        "你刚才没怎么提到{named}，能说说它在这里起什么作用吗？",
    ),
    "follow_missing_many": (
        "You didn't say much about {named} — what role do they play here?",
        "你刚才没怎么提到{named}，能说说它们在这里起什么作用吗？",
    ),
    "follow_and": ("{first} and {second}", "{first}和{second}"),
    # --- the follow-up put from a missed point of the notes (no key): `asked` is the point's
    # subject, in Chinese with the predicate as the point says it (双塔模型的缺点是,
    # 推荐系统一般分为)
    "follow_point_what": ("What is {asked}?", "{asked}什么？"),
    "follow_point_trait": ("What is {asked} like?", "{asked}有什么特点？"),
    "follow_point_relation": ("How are {asked} related?", "{asked}什么关系？"),
    "follow_point_parts": ("What parts does {asked} have?", "{asked}哪几部分？"),
    "follow_point_made_of": ("What is {asked} made of?", "{asked}哪几部分组成？"),
    "follow_point_includes": ("What does {asked} include?", "{asked}哪些？"),
    "follow_point_purpose": ("What is {asked} used for?", "{asked}是用来做什么的？"),
    "follow_point_use": ("What does {asked} use?", "那{asked}什么？"),
    "follow_point_more": (
        "And {asked} — can you say more about it?",
        "那{asked}呢？能具体讲讲吗？",
    ),
    "follow_claim": (
        'You said "{said}" — think that over: is it right? Why?',
        "你说“{said}”，这个再想想：对吗？为什么？",
    ),
    # --- what the interviewer recalls of an earlier session's answer to the question it asks
    # (interview/past.py; phrasing.recalled picks one wording of a kind by the seeded rng):
    # `when` is a recall_when_* phrase, `named` one missed point in a term or two, never stated
    "recall_missed_1": (
        "You didn't get this one {when}; let's try it again: ",
        "这道题{when}没答上来，我们再来一次：",
    ),
    "recall_missed_2": (
        "This one stumped you {when}; have another go: ",
        "{when}这题没答出来，这次再试试：",
    ),
    "recall_missed_3": (
        "You got stuck on this one {when}; let's look at it again: ",
        "这题{when}卡住了，我们再看看：",
    ),
    "recall_partial_1": (
        "Your answer {when} was incomplete; once more: ",
        "这道题{when}没答完整，我们再来一次：",
    ),
    "recall_partial_2": (
        "You answered part of this one {when}; try to cover it all this time: ",
        "{when}这题只答了一部分，这次争取讲全：",
    ),
    "recall_partial_3": (
        "This one was not quite complete {when}; try again: ",
        "这题{when}答得不太完整，再试一次：",
    ),
    "recall_partial_named_1": (
        "Your answer {when} left out {named}; once more: ",
        "这道题{when}没答完整，{named}没讲到，我们再来一次：",
    ),
    "recall_partial_named_2": (
        "You missed {named} on this one {when}; try to cover it all this time: ",
        "{when}这题漏了{named}，这次争取讲全：",
    ),
    "recall_partial_named_3": (
        "You answered part of this one {when}, not {named}; try again: ",
        "这题{when}只答了一部分，{named}那块没提，再试一次：",
    ),
    "recall_fair_1": (
        "We had this one {when}; let's go over it again: ",
        "这题{when}问过，我们再巩固一下：",
    ),
    "recall_fair_2": (
        "This came up {when}; once more to make it stick: ",
        "{when}问过这道题，再过一遍：",
    ),
    "recall_good_1": (
        "You answered this well {when}; let's see if you still remember: ",
        "这题{when}答得不错，看看还记不记得：",
    ),
    "recall_good_2": (
        "This went well {when}; a quick check: ",
        "{when}这题答得挺好，再来确认一下：",
    ),
    "recall_when_before": ("last time", "上次"),
    "recall_when_yesterday": ("yesterday", "昨天"),
    "recall_when_day_before": ("two days ago", "前天"),
    "recall_when_days": ("{days} days ago", "{days}天前"),
    "recall_when_last_week": ("last week", "上周"),
    "recall_when_weeks": ("{weeks} weeks ago", "{weeks}周前"),
    "recall_when_months": ("over {months} month(s) ago", "{months}个多月前"),
    # --- the interviewer's own notes and hints (spoken in INTERFACE_ZH) --------------------
    "hint_terms": (
        "Hint: think about it from the angle of {terms}.",
        "提示：可以从 {terms} 这个角度想一想。",
    ),
    "hint_opening": ('Hint: think about the "{head}…" part.', "提示：想想“{head}……”这方面。"),
    "hint_generic": (
        "Hint: organise it as what it is → why / how it works → how it is used, pros and cons.",
        "提示：可以按“是什么 → 为什么/原理 → 怎么用、优缺点”的顺序组织一下思路。",
    ),
    "hint_used": (
        "A hint was used: {penalty:g} points off ({before:g} → {after:g}).",
        "用了提示，扣 {penalty:g} 分（{before:g} → {after:g}）。",
    ),
    "skipped": ("Skipped", "跳过"),
    "skipped_feedback": (
        "Skipped: the reference's key points are below.",
        "这题跳过了，参考答案的要点在下面。",
    ),
    # an answer that says it doesn't know (the gate findings dont_know, key_dont_know) reads
    # as the 不会 key's does: these two
    "said_dont_know": ("Answer: I don't know", "回答：不知道"),
    "dont_know_feedback": (
        "Not knowing is fine: compare with the reference's key points.",
        "不会没关系，对照参考答案看看要点。",
    ),
    "not_graded": (
        "This answer could not be graded ({why}); it is saved, the score does not count.",
        "这题没能评分（{why}）；答案已保存，分数不作数。",
    ),
    "question_only": (
        "The notes have no answer to this question: it was graded against related passages "
        "found by search, so take the grade as a rough guide.",
        "笔记里没有这道题的现成答案，是按检索到的相关段落评的分，仅供参考。",
    ),
    # --- the verdict card (tui/widgets/verdict.py) ----------------------------------------
    "label_correct": ("correct", "答得好"),
    "label_partial": ("partly correct", "部分正确"),
    "label_incorrect": ("incorrect", "不正确"),
    "label_contradicts": ("contradicts the reference", "与参考矛盾"),
    "label_empty": ("no answer", "未作答"),
    "label_off_topic": ("off topic", "答非所问"),
    # what the interview screen calls a turn (its title and status line)
    "turn_main": ("Question {index}/{total}", "第 {index}/{total} 题"),
    "turn_follow_up": ("Follow-up", "追问"),
    "turn_retry": ("Once more: question {index}", "再答 · 第 {index} 题"),
    "card_graded_by": ("  · graded by: {grader}", "  · 评分：{grader}"),
    "card_confidence": (" · confidence {confidence:.0%}", " · 置信度 {confidence:.0%}"),
    "card_points": ("Key points", "要点"),
    "card_wrong": ("What was wrong", "说错的地方"),
    "card_said_wrong": (' You said "{said}": {correction}', " 你说“{said}”：{correction}"),
    "card_feedback": ("Feedback", "点评"),
    "card_model_answer": ("Model answer", "参考答案"),
    "card_sources": ("Sources", "出处"),
    "card_unknown_source": ("(unknown source)", "（未知来源）"),
    # a reference that is an answer key's own text, by who wrote the key (types.answer_key.Origin)
    "card_key_source_bank": ("answer key (bank)", "答案要点（题库）"),
    "card_key_source_notes": ("answer key (from your notes)", "答案要点（取自笔记）"),
    "card_key_source_llm": ("answer key (LLM draft)", "答案要点（LLM 草稿）"),
    "card_key_source_user": ("answer key (yours)", "答案要点（你的）"),
    "card_note": ("Note", "注意"),
    "card_delivery": ("Delivery", "表达"),
    "grader_offline": ("offline", "离线"),
    "tag_skipped": ("skipped", "跳过"),
    "tag_dont_know": ("don't know", "不会"),
    # how the answer was delivered (progress.insights facts)
    "delivery_length": ("{length} chars/words", "{length} 字/词"),
    "delivery_spoken": (
        "spoke {seconds:.0f} s · {rate:.0f} chars/min",
        "说了 {seconds:.0f} 秒 · 语速 {rate:.0f} 字/分",
    ),
    "delivery_typed": ("answered in {seconds:.0f} s", "作答用时 {seconds:.0f} 秒"),
    "delivery_fillers": ("fillers {fillers}", "口头禅 {fillers}"),
    "delivery_no_fillers": ("no fillers", "没有口头禅"),
    "delivery_repeats": ("repeated {share:.0%}", "重复 {share:.0%}"),
    "delivery_structure": ("structure: {marks}", "结构：{marks}"),
    "part_definition": ("definition", "定义"),
    "part_reasoning": ("reasoning", "原理"),
    "part_example": ("example", "举例"),
    "part_tradeoff": ("trade-offs", "权衡"),
    # --- the screens around the verdict (interviewer/tui): labels, keys, notes --------------
    # shared by the screens: footer keys and lines more than one of them shows
    "key_quit": ("Quit", "退出"),
    "key_back": ("Back", "返回"),
    "resume_hint": ("Continue this interview: {command}", "继续这次面试：{command}"),
    "grader_label": ("Graded by: ", "评分："),
    # the app (tui/app.py): its title, loading and the line the CLI prints on exit
    "app_title": ("interviewer · mock interview", "interviewer · 模拟面试"),
    "app_key_progress": ("Progress", "进度"),
    "app_llm_check_failed": ("Could not check the LLM: {error}", "无法检查 LLM：{error}"),
    "app_cannot_grade": ("Cannot grade", "无法评分"),
    "app_quit_unsent": (
        "Your answer is not submitted (^S sends it). Quit again to leave: it waits in the box"
        " for --resume, unsent.",
        "回答还没提交（^S 提交）。再按一次退出：它留在输入框里等 --resume，不算提交。",
    ),
    "app_key_skipped": (
        "Answer key file skipped until this line is fixed",
        "答案要点文件有误，改好前不用它",
    ),
    "app_keys_skipped_more": (
        "{count} more key files skipped: `interviewer keys` lists them",
        "还有 {count} 个要点文件被跳过：`interviewer keys` 会列出",
    ),
    "app_unknown_topics": (
        "No such topic: {unknown} (choose from: {topics})",
        "没有这个主题：{unknown}（可选：{topics}）",
    ),
    "app_open_failed": ("Could not start the interview: {error}", "无法开始面试：{error}"),
    "app_still_loading": ("Still loading, one moment…", "还在加载，稍等…"),
    "app_unfinished_left": (
        "Interview #{session} is unfinished ({answered} answered); this is a new one. To continue"
        " #{session}: {command}",
        "上次的面试 #{session} 没做完（已答 {answered} 题），这次开的是新的一场；"
        "接着做 #{session}：{command}",
    ),
    "app_nothing_to_resume": (
        "No unfinished interview to continue: start a new one",
        "没有未完成的面试可以继续：请开始新的面试",
    ),
    "app_config_ignored": (  # detail: the CLI's own warning line (file and key are names)
        "Part of the configuration was not applied: {detail}",
        "部分配置没有生效：{detail}",
    ),
    "app_exit_saved": (
        "Interview saved (session {session}) → {where}",
        "面试已保存 (session {session}) → {where}",
    ),
    "app_exit_answers_saved": (
        "Every answer so far is saved (session {session}) → {where}",
        "已答的题都已保存 (session {session}) → {where}",
    ),
    "app_index_stale": (  # which files changed: `interviewer build` says (the index's own words)
        "The index is out of date (your notes, or how notes are read, changed); run {command}"
        " to update it",
        "索引已过期（笔记或笔记的读取规则有改动）；运行 {command} 更新",
    ),
    "app_due_failed": ("Could not count the reviews due: {error}", "无法计算到期复习：{error}"),
    "app_llm_unlisted": (
        "Connected, but the server does not list this model · {detail}",
        "已连上，但服务器没有列出这个模型 · {detail}",
    ),
    "app_llm_connected": ("Connected · {detail}", "已连上 · {detail}"),
    "app_llm_unreachable": (
        "Unreachable, grading offline · {detail}",
        "连不上，将用离线评分 · {detail}",
    ),
    # the chat log (tui/widgets/chat.py): who speaks
    "chat_interviewer": ("Interviewer", "面试官"),
    "chat_candidate": ("You", "你"),
    # the interview screen (tui/screens/interview.py)
    "interview_key_submit": ("Submit", "提交"),
    "interview_key_hint": ("Hint (costs points)", "提示(扣分)"),
    "interview_key_dont_know": ("Don't know", "不会"),
    "interview_key_skip": ("Skip", "跳过"),
    "interview_key_next": ("Continue", "继续"),
    "interview_key_own_score": ("Disagree: my score", "改分"),
    "interview_key_page_up": ("Page up", "上翻"),
    "interview_key_page_down": ("Page down", "下翻"),
    "interview_hint": ("Hint", "提示"),
    "interview_placeholder": (
        "Answer here, as you would speak in an interview (Enter for a new line, ^S to submit)",
        "在这里作答，像面试时说话一样（Enter 换行，^S 提交）",
    ),
    "interview_picking": ("Picking a question…", "出题中…"),
    "interview_grading": ("Grading…", "评分中…"),
    "interview_recording": ("Recording…", "记录中…"),
    "interview_last_time": ("Last time", "上次"),
    "interview_draft_restored": (
        "Your unsent answer from last time is back in the box (^S submits it).",
        "上次没提交的回答已放回输入框（^S 提交）。",
    ),
    "interview_skipped_answer": ("(skipped this one)", "（跳过这题）"),
    "interview_dont_know_answer": ("I don't know.", "不会。"),
    "interview_hint_title": ("Hint (this question loses points)", "提示（这题会扣分）"),
    "interview_error_title": ("Something went wrong", "出错了"),
    "interview_grade_failed": (
        "Grading failed: {error}. Your answer is still in the box; submit it again.",
        "评分失败：{error}。回答还在输入框里，可以再提交。",
    ),
    "interview_next_failed": (
        "Could not get the next question: {error}. Press ⏎ to try again.",
        "出题失败：{error}。按 ⏎ 重试。",
    ),
    "interview_write_first": (
        "Write something first; press ^G if you don't know",
        "先写点什么；不会的话按 ^G",
    ),
    "own_score_prompt": (
        "Graded {graded}. What should this answer get (0–10)?",
        "判分 {graded}。你觉得这个回答该得几分（0–10）？",
    ),
    "own_score_help": (
        "⏎ to save · empty ⏎ goes back to the grade · Esc cancels. Your score counts for averages"
        " and reviews; the verdict stays as graded.",
        "⏎ 保存 · 清空后 ⏎ 改回判分 · Esc 取消。平均分和复习安排按你的分数算；判分结果照旧保留。",
    ),
    "own_score_range": ("A score is 0 to 10", "分数是 0 到 10"),
    "own_score_cancel": ("Cancel", "取消"),
    "own_score_saved": (
        "Noted: this answer counts as {own} (graded {graded}) in your averages and reviews.",
        "记下了：这题按你给的 {own} 分算（判分 {graded}），平均分和复习安排都用你的分数。",
    ),
    "own_score_no_follow_up": (
        " The follow-up on it is dropped.",
        "针对它的追问就不问了。",
    ),
    "own_score_teach_key": (
        " To make the grader agree next time: {command}.",
        "想让判分下次认同：{command}（把它没认出的说法加进要点，或把它放过的错误加进误区）。",
    ),
    "own_score_taken_back": (
        "Back to the grade: {graded}.",
        "已改回判分：{graded}。",
    ),
    "own_score_not_for_skips": (
        "A skipped question has no grade to change",
        "跳过的题没有判分可改",
    ),
    "interview_clock": ("time {minutes:02d}:{secs:02d}", "用时 {minutes:02d}:{secs:02d}"),
    # the start screen (tui/screens/start.py)
    "start_key_start": ("Start", "开始"),
    "start_title": ("Mock interview · interviewer", "模拟面试 · interviewer"),
    "start_mode_review": ("Review: due ones first", "复习：到期的先问"),
    "start_mode_new": ("New: not asked yet", "新题：没问过的"),
    "start_mode_weak": ("Weak: the worst topics", "薄弱：最差的主题"),
    "start_due_now": ("now", "现在"),
    "start_due_minutes": ("in {minutes} min", "{minutes} 分钟后"),
    "start_due_today": ("today {clock}", "今天 {clock}"),
    "start_due_tomorrow": ("tomorrow", "明天"),
    "start_due_days": ("in {days} days", "{days} 天后"),
    "start_weak": ("Missed: ", "没答好的："),
    "start_weak_more": ("{count} more", "另 {count} 道"),
    "start_resuming": ("Resuming interview #{session}…", "正在恢复第 {session} 次面试…"),
    "start_loading": ("Loading the model and the question bank…", "正在加载模型和题库…"),
    "start_loading_then_start": (
        "Loading the model and the question bank… starting once loaded",
        "正在加载模型和题库…加载完就开始",
    ),
    "start_topics": ("Topics (none = all)", "主题（不选 = 全部）"),
    "start_count": ("Questions", "题数"),
    "start_mode": ("Mode", "模式"),
    "start_button": ("Start interview", "开始面试"),
    "start_resume": ("Continue last", "继续上次"),
    "start_resume_which": (
        "Continue last (#{session}, {answered} answered)",
        "继续上次 (#{session}，已答 {answered} 题)",
    ),
    "start_topics_loading": ("Loading…", "加载中…"),
    "start_checking_llm": ("Checking the connection…", "检查连接中…"),
    "start_no_llm": ("No LLM configured", "没有配置 LLM"),
    "start_bank_questions": ("{questions} questions in the bank", "题库 {questions} 题"),
    "start_bank_topics": ("{topics} topics", "{topics} 个主题"),
    "start_bank_due": ("{due} due for review", "到期复习 {due} 题"),
    "start_cannot_start": ("Cannot start", "无法开始"),
    "start_count_range": (
        "The number of questions must be between 1 and {max_count}",
        "题数要在 1 到 {max_count} 之间",
    ),
    "start_picking": ("Picking the questions…", "正在出题…"),
    # the progress screen (tui/screens/stats.py)
    "stats_key_refresh": ("Refresh", "刷新"),
    "stats_title": ("Progress", "学习进度"),
    "stats_reading": ("reading…", "读取中…"),
    "stats_headline": (
        "{streak}-day streak · {sessions} session(s) · {answered} main questions · "
        "main-question average {mean} · due today: {due}",
        "连续练习 {streak} 天 · {sessions} 场 · {answered} 道主问题 · 主问题平均 {mean}"
        " · 今天到期 {due} 题",
    ),
    "stats_topics": ("Mastery by topic (weak → strong)", "各主题掌握度（弱→强）"),
    "stats_topics_more": ("…{count} more topics", "…另有 {count} 个主题"),
    "stats_pace": ("pace {rate:.0f} chars/min", "语速 {rate:.0f} 字/分"),
    "stats_no_fillers": ("none", "无"),
    "stats_fillers": (
        "fillers {per_100:.1f}/100 chars ({top})",
        "口头禅 {per_100:.1f}/百字（{top}）",
    ),
    "stats_structured": (
        "complete structure {structured}/{answers}",
        "结构完整 {structured}/{answers}",
    ),
    "stats_trend": ("Score trend (daily average 0–10)", "分数走势（每日平均 0–10）"),
    "stats_weakest": ("Weakest questions", "最薄弱的题目"),
    "stats_column_question": ("Question", "题目"),
    "stats_column_topic": ("Topic", "主题"),
    "stats_column_mastery": ("Mastery", "掌握"),
    "stats_column_attempts": ("Attempts", "次数"),
    "stats_column_last": ("Last", "最近"),
    "stats_read_failed": ("Could not read the history: {error}", "读不了历史记录：{error}"),
    "stats_empty": (
        "No answers yet — start with an interview. The questions you answer show their trend "
        "and mastery here.",
        "还没有答题记录——先来一场面试吧。答过的题会在这里显示走势和掌握度。",
    ),
    "stats_none_weak": (
        "No weak questions: everything practised went well",
        "没有薄弱的题：练过的都答得不错",
    ),
    # the summary screen (tui/screens/summary.py)
    "summary_key_again": ("Another round", "再来一轮"),
    "summary_farewell_by": ("Interviewer: ", "面试官："),
    "summary_nothing": ("No questions were answered this time.", "这次没有回答任何问题。"),
    "summary_average": (
        "Interview over · average {score} ({what})",
        "面试结束 · 平均 {score}（{what}）",
    ),
    "summary_saved": (
        "Saved to {where} (session {session})",
        "已保存到 {where}（session {session}）",
    ),
    "summary_averaged": ("the average of {count} main questions", "{count} 道主问题的平均"),
    "summary_follow_ups": ("{count} follow-up(s) counted apart", "{count} 个追问另计"),
    "summary_passes": ("{count} skipped, not scored", "跳过 {count} 道不算分"),
    "summary_retries": ("{count} answered again, left out", "再答 {count} 道不计入"),
    "summary_per_question": ("Per question", "逐题"),
    "summary_tag_hint": ("hint", "提示"),
    "summary_tag_retry": ("answered again (not in the average)", "再答（不计入平均）"),
    "summary_tag_own_score": ("your score", "你改的分"),
    "summary_weakest": (
        "Weakest topics (main-question average)",
        "最薄弱的主题（主问题平均分）",
    ),
    "summary_answers": (" ({count} answers)", "（{count} 个回答）"),
    "summary_to_review": ("To review", "该复习的"),
    "summary_missed": ("missed: ", "漏了："),
    "summary_wrong": ("got wrong; in fact: ", "说错了，正确的是："),
    "summary_note": ("On {questions}: {note}", "关于{questions}：{note}"),
}

_SEPARATORS: dict[str, tuple[str, str]] = {
    "list": (", ", "、"),
    "clause": ("; ", "；"),
}
"""How items are run together: a list of names, or clauses of one sentence."""

LABEL_KEYS: dict[Label, str] = {label: f"label_{label.value}" for label in Label}
"""The message naming each verdict label."""
GRADER_NAMES = {"similarity": "grader_offline"}
"""Graders whose machine name reads as a message ('llm:<model>' reads as 'LLM <model>')."""


def say(key: str, zh: bool, **values: object) -> str:
    """The message `key` in Chinese (`zh`) or English, with `values` filled in."""
    english, chinese = _MESSAGES[key]
    return (chinese if zh else english).format(**values)


def joined(items: Iterable[str], zh: bool, *, kind: str = "list") -> str:
    """Items run together as the language does it: 'a、b' or 'a, b' (`kind` 'clause': 'a；b')."""
    english, chinese = _SEPARATORS[kind]
    return (chinese if zh else english).join(items)


def pieces(key: str, zh: bool, **values: object) -> list[tuple[str, str]]:
    """The message `key` as (text, field) pieces, field '' for the fixed words: a layout can style
    a filled-in value (the candidate's words, a score) apart from the words around it."""
    english, chinese = _MESSAGES[key]
    out: list[tuple[str, str]] = []
    for literal, field, spec, conversion in string.Formatter().parse(chinese if zh else english):
        if literal:
            out.append((literal, ""))
        if field is not None:
            template = "{0" + (f"!{conversion}" if conversion else "") + f":{spec or ''}" + "}"
            out.append((template.format(values[field]), field))
    return out


def variants(stem: str) -> list[str]:
    """The keys of the wordings of one message said several ways (`stem`_1, `stem`_2, …), for a
    voice that varies: the same remark word for word every time reads as a machine."""
    found = [k for k in _MESSAGES if k.startswith(stem + "_") and k[len(stem) + 1 :].isdigit()]
    return sorted(found, key=lambda k: int(k[len(stem) + 1 :]))


def opening(key: str, zh: bool) -> str:
    """The fixed words message `key` begins with, up to its first value: how to recognise it."""
    english, chinese = _MESSAGES[key]
    return next(string.Formatter().parse(chinese if zh else english))[0]


def label_name(label: Label | str, zh: bool) -> str:
    """How a verdict label reads (a label this version does not know reads as itself)."""
    try:
        return say(LABEL_KEYS[Label(label)], zh)
    except ValueError:
        return str(label)


def grader_name(name: str, zh: bool) -> str:
    """'similarity' → a name a candidate understands; 'llm:<model>' → the model."""
    if name in GRADER_NAMES:
        return say(GRADER_NAMES[name], zh)
    if name.startswith("llm:"):
        return f"LLM {name[4:]}"
    return name


def part_name(part: str, zh: bool) -> str:
    """One part of a well-built answer (definition, reasoning, ...), as the candidate reads it."""
    key = f"part_{part}"
    return say(key, zh) if key in _MESSAGES else part


def keys() -> list[str]:
    """Every message key (tests check each has both wordings)."""
    return list(_MESSAGES)
