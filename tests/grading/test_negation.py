"""Negation cues and the contradiction rule."""

from __future__ import annotations

from interviewer.grading.negation import contradicts, negations, states_converse


def test_negation_cues_ignore_compounds_that_are_not_negations() -> None:
    assert negations("Adam 不需要偏置修正") == 1
    assert negations("Adam doesn't need it") == 1
    assert negations("不同的参数有不同的学习率") == 0
    # 别的 is "other": "用别的行为策略采的数据" denied nothing, yet an answer saying it was
    # labelled contradicting "可以用其他策略采集的数据"
    assert negations("off-policy 可以用别的行为策略采的数据") == 0
    assert negations("别用太大的学习率") == 1


def test_a_negation_inside_an_if_clause_is_not_a_contradiction() -> None:
    assert not contradicts("如果没有激活函数", "大多数激活函数都是非线性的")
    assert not contradicts("if there is no activation function", "activation functions are used")
    assert contradicts("Adam 不需要偏置修正", "Adam 需要偏置修正")


def test_a_word_swapped_for_its_opposite_contradicts_the_point() -> None:
    assert contradicts("Adam收敛更慢", "Adam收敛更快")
    assert contradicts("dropout在测试时随机丢弃神经元", "训练时随机丢弃神经元，防止共适应")
    assert contradicts("the voltage increases", "the voltage decreases when resistance rises")
    assert contradicts("the bulbs are in series", "bulbs A and B are in parallel")


def test_opposites_need_the_same_subject_and_no_negation_about() -> None:
    assert not contradicts("Adam收敛快", "SGD收敛较慢")  # a comparison, each side right
    assert not contradicts("降低方差", "提高泛化能力")  # opposite verbs, different things
    assert not contradicts("the switch is not closed", "the switch is open")  # says the same
    assert not contradicts("BN可以用更大的学习率", "BN允许使用更大的学习率")
    assert not contradicts("more data and less noise", "more data helps, less noise helps")


def test_two_swapped_opposites_state_the_converse_not_the_opposite() -> None:
    point = "If the effort is applied farther from the fulcrum, less effort will lift the load"
    assert not contradicts(
        "The closer the effort is to the fulcrum, the more effort it takes", point
    )
    assert contradicts(
        "If the effort is applied farther from the fulcrum, more effort is needed", point
    )


def test_any_degree_word_marks_a_chinese_pole() -> None:
    assert contradicts("Adam收敛很快", "Adam收敛更慢")
    assert not contradicts("Adam收敛很快", "Adam收敛更快")


def test_a_multi_clause_point_holds_its_negation_for_its_own_clause() -> None:
    point = "它不会压缩数据值，所以数据值随着网络层数的增加会不断变大"
    assert not contradicts("所以数据值随着网络层数的增加会不断变大", point)
    assert contradicts("它会压缩数据值", point)


def test_a_clause_of_a_converse_sentence_is_not_a_contradiction() -> None:
    point = "If the effort is applied farther from the fulcrum, less effort will lift the load"
    sentence = "The closer the effort is to the fulcrum, the more effort it takes"
    assert contradicts("The closer the effort is to the fulcrum", point)  # alone, it would be
    assert states_converse(sentence, point)
    assert not states_converse("If the effort is applied closer to the fulcrum", point)


def test_both_sides_negated_with_different_cue_words_agree() -> None:
    """Held-out misfires on full-marks answers (issue 13): the same denial in other words."""
    assert not contradicts("快速排序中没有这种现象", "因此，快速排序不存在这种现象")
    assert not contradicts(
        "Each node can have no more than two children",
        "maximum number of children per node is two",
    )
    assert contradicts("Adam 不需要偏置修正", "Adam 需要偏置修正")  # one side only: still caught


def test_a_hedged_point_agrees_with_a_denial() -> None:
    assert not contradicts("而非'栈中元素值的大小有序'", "栈中的元素不一定是有序的")


def test_a_restriction_agrees_with_a_denial() -> None:
    """ "only" and "stops" deny implicitly: full-marks short answers were capped at 2 for saying
    the same thing with "not"."""
    assert not contradicts(
        "private members cannot be accessed outside the class",
        "Members declared private can only be accessed by member functions of the same class",
    )
    assert not contradicts(
        "The case where the function does not call itself",
        "the condition under which the recursive function stops calling itself",
    )
    assert not contradicts(
        "进程不用关心实际物理地址在哪，没装入内存的部分放在磁盘上", "程序只需部分装入内存即可运行"
    )
    assert contradicts(
        "private members can not be accessed by member functions",
        "private members are accessed by member functions",
    )


def test_an_implicit_denial_or_a_hedge_agrees_with_a_negation() -> None:
    """ "generalizes poorly" and 防止 deny implicitly; "not always" hedges (as 不一定 does)."""
    assert not contradicts(
        "the model learns the noise in the training set and does not generalize",
        "so it performs well on the training set but generalizes poorly to new, unseen data",
    )
    assert not contradicts("模型更平滑，不容易过拟合", "从而防止过拟合")
    assert not contradicts(
        "but is not always optimal",
        "always making the choice that looks best at the moment (locally optimal)",
    )
    assert negations("not always optimal") == 0 and negations("not optimal") == 1


def test_a_contrast_denies_the_other_thing_not_the_point() -> None:
    """ "而不是像全连接那样" denies the foil a "相比于全连接 …" point describes (it capped an
    excellent bank answer on CNN sparse interaction)."""
    point = "相比于全连接神经网络中每一个神经元都与前一层的每个输入相关联"
    assert not contradicts("而不是像全连接那样连接所有输入", point)
    assert not contradicts(
        "each output depends on a local patch, unlike a dense layer connected to every input",
        "in a fully connected layer every neuron is connected to every input",
    )
    # ... but a contrast that denies what the point plainly asserts still contradicts it
    assert contradicts("用的是交叉熵而不是均方误差损失", "分类问题用均方误差损失")


def test_a_bound_is_not_a_negation() -> None:
    assert negations("no more than two children") == 0
    assert negations("no children") == 1


def test_two_flips_cancel() -> None:
    """Full-marks SemEval answers capped by the rule: a negation and a swapped opposite together
    say the same thing as the point."""
    point = "terminal 6 is not connected to the negative battery terminal"
    assert not contradicts("the positive battery terminal is connected to terminal 6", point)
    assert not contradicts("terminal 6 is connected to postive terminal", point)  # a slip
    assert not contradicts("because bulb c is not in the same path", "Bulb C is in a separate path")
    assert contradicts("terminal 6 is connected to the negative battery terminal", point)


def test_a_negation_of_another_subject_is_no_contradiction() -> None:
    point = "There is a complete circuit connecting the motor to the D-cell battery"
    assert not contradicts("It is a complete circuit and the bulb is not connected to it", point)
    assert not contradicts(
        "because bulb a is in a closed path", "Bulbs A and C are in closed paths B is not in them"
    )
    # a pronoun may mean the point's subject: still a contradiction
    point = "Terminals 4, 5 and 6 are not connected to the negative battery terminal"
    assert contradicts("because they are connected to the negative battery terminal", point)


def test_questions_bounds_and_slips_are_no_negations() -> None:
    point = "It depends on whether or not they are in the same path"
    assert not contradicts("if the damaged bulb and the other bulb are in the same path", point)
    assert not contradicts(
        "makes it an open path rather then closed", "the path is not closed, it is an open path"
    )
    assert negations('there isn"t a closed path') == 1


def test_an_answer_that_also_says_the_word_plainly_does_not_deny_it() -> None:
    point = "The particles of the solid are too big to go through the holes in the paper filter"
    assert not contradicts("The material that did not go through was too big to go through", point)


def test_a_leading_no_of_the_sentence_counts_for_its_clause() -> None:
    """ "No, cookies have 150 ml …" cut to its clause still answers "No"."""
    sentence = "No, Fruity Cream cookies have 150 milliliters of carbon dioxide"
    statement = "Fruity Cream cookies have 150 milliliters of carbon dioxide"
    assert not contradicts(statement, "No, Fruity cream cookies are not pure sugar", sentence)


def test_a_window_cut_after_its_if_stays_conditional() -> None:
    sentence = "if you can the brown one is harder and if you cannot the black one is harder"
    point = "If the black mineral is harder, the brown mineral will have a scratch"
    assert not contradicts("you cannot the black one is harder", point, sentence)


def test_a_comparison_with_mei_you_na_me_is_not_a_denial() -> None:
    # "A 没有 B 那么大" says A is smaller than B; the point says the same with 比…小
    point = "但每个线程有自己独立的栈和寄存器上下文，因此线程切换的开销比进程切换小"
    assert not contradicts("所以线程之间切换的代价没有进程切换那么大", point)
    assert negations("it is not as fast as TCP") == 0
    assert negations("训练没有收敛") == 1  # a plain denial stays one


def test_a_denial_said_of_the_same_subject_agrees_whatever_follows_the_cue() -> None:
    # the shared word (现象) lies far past the point's 不; its subject (快速排序) is shared
    point = "时间复杂度退化为O(n^2)，因此快速排序不存在这种在有序输入上变快的现象"
    assert not contradicts("快速排序中没有这种现象", point)
    denial = "BN 测试时不用当前 batch 的均值，而用滑动平均"
    assert contradicts("BN 测试时用当前 batch 的均值", denial)


def test_a_contraction_typed_without_its_apostrophe_is_a_negation() -> None:
    """Typed answers drop the apostrophe: both sides deny, so they agree."""
    assert negations("changes in one layer dont affect the others") == 1
    assert negations("it doesnt vanish") == 1
    point = "so one layer's implementation can change without affecting the others"
    assert not contradicts("changes in one layer dont affect other ones", point)
    assert contradicts("Adam doesnt need bias correction", "Adam needs bias correction")


def test_a_bound_with_a_verb_between_is_not_a_negation() -> None:
    point = "each node of a binary tree has at most two children"
    assert not contradicts("a binary tree node does not have more than two children", point)
    assert not contradicts("a node doesnt have more than two children", point)
    assert contradicts("a node does not have two children", "a node has two children")


def test_a_negation_of_another_kind_of_the_same_thing_is_no_contradiction() -> None:
    """A full-marks answer: the test set is another kind of set than the point's."""
    point = "The validation set is used during development to tune hyperparameters and choose"
    assert not contradicts("the test set should never be used for choosing the model", point)
    assert contradicts("the validation set is not used for choosing the model", point)
    assert contradicts("the final model is not used for training", "the model is used for training")


def test_opposites_compare_a_comparative_with_a_comparative() -> None:
    point = "Machine epsilon is the gap between 1 and the next larger floating-point number"
    assert not contradicts("the smallest number eps such that 1 + eps != 1", point)
    assert contradicts("the voltage gets smaller", "the voltage gets larger")
    assert contradicts("the smallest value", "the largest value")
