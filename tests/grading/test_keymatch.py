"""Finding a key's wordings in spoken answers: spaces, case, English word starts, gaps; and a
misconception only when it is claimed, not when it is denied or contrasted."""

from __future__ import annotations

import pytest

from interviewer.grading.keymatch import find, match_claim, match_concepts, normalise

L2_SPARSE = [["l2", "weight decay", "权重衰减"], ["稀疏", "sparse", "变成0", "为0"]]


@pytest.mark.parametrize(
    ("answer", "wordings"),
    [
        ("用了 Batch-Norm 之后", ["batch norm"]),
        ("BatchNorm", ["batch norm"]),
        ("the gradients vanish", ["gradient"]),
        ("激活函数本质上是给网络引入非线性", ["引入…非线性"]),
        ("ＬＲ 太大", ["lr"]),
        ("它把激活函数都换成了ReLU", ["换成relu"]),
        ("再就是截断的BPTT 也能缓解", ["截断bptt"]),  # an attribute's 的 before a term
        ("用当前的 batch 的均值", ["当前batch"]),
        ("很多权重直接变成了 0", ["变成0"]),
        ("SGD adapts the step for every parameter", ["adaptive"]),
        ("once the units saturate", ["saturation"]),
        ("the gradient vanishes", ["vanishing gradient", "vanishing"]),
        ("the forget gate decides", ["forget gates"]),
        ("it normalizes each feature", ["normalization"]),
        ("alpha shrinks the input resolution", ["shrink the input"]),
        ("SGD tends to generalise better", ["generalizes better"]),
        ("batch normalization", ["normalisation"]),
        ("it regularises the weights", ["regulariz"]),
    ],
)
def test_wordings_match_as_candidates_say_them(answer: str, wordings: list[str]) -> None:
    assert find(normalise(answer), wordings)


@pytest.mark.parametrize(
    ("answer", "wordings"),
    [
        ("url2 is a link", ["l2"]),
        ("blr", ["lr"]),
        ("引入了很多参数。而非线性", ["引入…非线性"]),
        ("学习率越大 学习率越好", ["大学习率"]),
        ("sigmoid 的导数最大值是 1/4", ["是1"]),
        ("导数最大是1.5", ["是1"]),
        ("its position in the sequence", ["positive"]),
        ("a single-layer perceptron can't solve XOR", ["can"]),
        ("it doesn't saturate", ["does"]),
        ("adaptation of the model", ["adaptive"]),
    ],
)
def test_wordings_do_not_match_inside_other_words_or_across_sentences(
    answer: str, wordings: list[str]
) -> None:
    assert not find(normalise(answer), wordings)


def test_a_point_needs_all_its_groups_near_each_other() -> None:
    groups = [["激活函数"], ["非线性", "nonlinear"]]
    assert match_concepts(normalise("嗯 激活函数就是为了引入非线性"), groups).complete
    far = "激活函数" + "，然后我们再说说别的东西" * 6 + "非线性"
    assert not match_concepts(normalise(far), groups).complete
    assert match_concepts(normalise(far), groups).said == 1


@pytest.mark.parametrize(
    "claim",
    [
        "L2 正则会让权重变得稀疏",
        "嗯L2呢 它会让权重稀疏 很多为0",
        "weight decay makes the weights sparse",
    ],
)
def test_a_stated_misconception_is_found(claim: str) -> None:
    assert match_claim(normalise(claim), L2_SPARSE, ["l1"]) is not None


@pytest.mark.parametrize(
    "agreement",
    [
        "L2 不会让权重稀疏",
        "L1 会让权重稀疏 而 L2 不会",
        "l2 doesn't make the weights sparse",
        "稀疏的是 L1，L2 只是让权重变小",
        "L2 让权重变小。稀疏是 L1 的特点",
        "并不是 L2 让权重稀疏",
        "如果 L2 让权重稀疏的话 那就和 L1 一样了",
        "it is not weight decay that makes weights sparse",
    ],
)
def test_denials_contrasts_and_other_sentences_are_not_the_claim(agreement: str) -> None:
    assert match_claim(normalise(agreement), L2_SPARSE, ["l1"]) is None


def test_a_quote_keeps_the_candidates_own_words() -> None:
    text = normalise("测试的时候也要保持 dropout 打开")
    where = match_claim(text, [["测试"], ["也"], ["drop"]])
    assert where is not None
    assert text.quote(*where) == "测试的时候也要保持 dropout"


def test_only_the_words_between_a_claims_parts_can_veto_it() -> None:
    pooling = [["池化"], ["不需要", "no need"], ["反向", "backprop"]]
    said = normalise("池化层没有参数 所以不需要反向传播")
    assert match_claim(said, pooling) is not None  # 没有 belongs to the clause before
    assert match_claim(normalise("池化层并不是不需要反向传播"), pooling) is None
    batch = [["batch"], ["越大"], ["越好"]]
    assert match_claim(normalise("batch 越大越好"), batch, ["batch size 适中"]) is not None


def test_words_that_merely_contain_an_if_or_a_denial_do_not_veto() -> None:
    gates = [["输出门"], ["控制", "决定"], ["遗忘", "丢弃"]]
    assert match_claim(normalise("LSTM 主要是靠输出门来控制遗忘的"), gates) is not None
    adaptive = [["sgd"], ["自适应"]]
    assert match_claim(normalise("所以为了稳定 SGD 也会自适应地调学习率"), adaptive) is not None


def test_words_ending_in_bie_are_not_negations() -> None:
    claim = [["map"], ["准确率", "accuracy"], ["平均"]]
    assert match_claim(normalise("map 就是每个类别 accuracy 的平均"), claim) is not None


def test_a_claim_rejected_right_after_it_is_not_stated() -> None:
    under = [["欠拟合"], ["加数据", "更多数据"], ["解决", "有用"]]
    assert match_claim(normalise("欠拟合的时候加数据就能解决"), under) is not None
    assert match_claim(normalise("有人说欠拟合加数据就能解决 这是错的"), under) is None
    assert match_claim(normalise("欠拟合加数据就能解决 其实不对"), under) is None


@pytest.mark.parametrize(
    "rejected",
    [
        "L2 会让权重稀疏，其实不是这样的，L1 才会",
        "L2 会让权重稀疏，这个其实说反了",
        "people say L2 gives sparse weights, which is wrong",
        "L2 regularization gives sparse weights, that's not true",
    ],
)
def test_a_claim_denied_in_other_words_right_after_it_is_not_stated(rejected: str) -> None:
    assert match_claim(normalise(rejected), L2_SPARSE) is None


@pytest.mark.parametrize(
    "stated",
    [
        "L2 会让权重稀疏，L1 不是这样",  # the denial is said of another subject
        "L2 gives sparse weights, that is why we use it for feature selection",
        "L2 gives sparse weights which is great for feature selection",
    ],
)
def test_what_follows_a_claim_denies_it_only_when_it_says_so(stated: str) -> None:
    assert match_claim(normalise(stated), L2_SPARSE) is not None


def test_a_claim_is_read_from_its_nearest_subject() -> None:
    said = normalise("L1 会让权重稀疏，L2 让权重变小，很多人以为 L2 也会稀疏")
    assert match_claim(said, L2_SPARSE) is None  # the second L2 is the one 以为 governs
    where = match_claim(normalise("L1 会稀疏，L2 让权重变小，然后 L2 也会稀疏"), L2_SPARSE)
    assert where is not None


def test_a_wording_inside_a_longer_term_the_key_excludes_is_not_the_claim() -> None:
    dead = [["relu"], ["负"], ["梯度"], ["不为0", "很小的", "small"]]
    leaky = ["leaky", "prelu"]
    assert match_claim(normalise("leaky relu 在负半轴梯度不为0"), dead, leaky) is None
    assert match_claim(normalise("可以换成 Leaky-ReLU 负半轴梯度很小的"), dead, leaky) is None
    assert match_claim(normalise("relu 在负半轴梯度不为0"), dead, leaky) is not None


def test_a_claims_words_said_of_another_subject_right_after_are_not_the_claim() -> None:
    l1_squares = [["l1"], ["平方"]]
    said = normalise("绝对值之和是L1 平方和开根号是L2")
    assert match_claim(said, l1_squares, ["l2"]) is None  # 平方…是L2
    assert match_claim(normalise("L1 是平方 L2 是绝对值"), l1_squares, ["l2"]) is not None
    rare = [["鞍点"], ["很少"]]
    assert match_claim(normalise("鞍点其实很少 主要是局部最优"), rare, ["局部"]) is not None


def test_a_number_wording_is_not_the_digits_of_a_longer_number() -> None:
    assert not find(normalise("负半轴乘个0.01"), ["0-1"])
    assert find(normalise("输出在0-1之间"), ["0-1"])


def test_within_one_clause_a_claim_is_read_from_its_first_part() -> None:
    explode = [["连乘", "权重"], ["小于1"], ["爆炸"]]
    said = normalise("连乘的时候要是权重小于1 乘多了梯度就爆炸")
    assert match_claim(said, explode) is not None  # read from 连乘, before the 要是


def test_a_subject_said_again_after_a_pause_starts_the_claim() -> None:
    newton = [["牛顿法", "更新"], ["减去hessian乘", "hessian乘以梯度"]]
    said = normalise("牛顿法会被吸到鞍点上 牛顿法的更新就是参数减去 hessian 乘以梯度")
    start, _ = match_claim(said, newton)
    assert said.text[start:].startswith("牛顿法的更新")  # the quote leaves the right clause out


def test_a_compared_thing_with_a_bare_shi_after_it_opens_the_next_statement() -> None:
    too_complex = [["太复杂"], ["欠拟合"]]
    said = normalise("过拟合是模型太复杂 把噪声也学了 欠拟合是模型太简单")
    assert match_claim(said, too_complex, subjects=("过拟合", "欠拟合")) is None
    assert match_claim(normalise("模型太复杂就会欠拟合"), too_complex, subjects=("欠拟合",))
    assert match_claim(said, too_complex) is not None  # a key that compares nothing


def test_a_concept_inside_a_gapped_wording_matches_in_any_spelling() -> None:
    # the key writes 学习率, the candidate says "learning rate" / "lr"
    wording = ["所有参数…同一个学习率"]
    assert find(normalise("所有参数都用同一个 learning rate"), wording)
    assert find(normalise("所有参数用的是同一个lr"), wording)
    assert not find(normalise("所有参数都用同一个 clr 调度"), wording)


def test_a_negation_right_before_a_middle_part_denies_the_claim() -> None:
    groups = [["relu"], ["饱和", "saturat"], ["正半轴", "positive"]]
    said = "ReLU is max(0,x): cheap, no saturation for positive inputs so gradients flow"
    assert match_claim(normalise(said), groups) is None
    assert match_claim(normalise("relu saturates for large positive inputs"), groups)


def test_a_claim_after_otherwise_or_not_that_is_not_the_claim() -> None:
    groups = [["推理", "inference"], ["更新", "update"], ["running"]]
    warned = "记得切 model.eval()，不然推理的时候还会更新 running 统计量"
    assert match_claim(normalise(warned), groups) is None
    english = "call model.eval(), otherwise inference keeps updating the running stats"
    assert match_claim(normalise(english), groups) is None
    assert match_claim(normalise("推理的时候 BN 还会继续更新 running mean"), groups)
    steps = [["each step", "every step"], ["own", "different"]]
    assert match_claim(normalise("so it's not that each step has its own weights"), steps) is None
    assert match_claim(normalise("each step has its own weights"), steps)
    zero = [["whole gradient"], ["goes to zero"]]
    denied = "and note, it's not that the whole gradient goes to zero, the long-range terms do"
    assert match_claim(normalise(denied), zero) is None
    assert match_claim(normalise("so the whole gradient goes to zero"), zero)


def test_not_even_said_is_a_denial() -> None:
    """ "连对称都不满足" (not even symmetric) denies symmetry; "连…都" alone does not."""
    groups = [["kl"], ["对称"]]
    assert match_claim(normalise("KL散度更是连对称都不满足 只能叫散度"), groups) is None
    assert match_claim(normalise("KL散度连这个都是对称的"), groups)
    assert match_claim(normalise("KL散度是对称的"), groups)


def test_a_part_after_otherwise_inside_a_claim_is_the_warning() -> None:
    groups = [["推理", "inference"], ["用", "use"], ["测试batch", "test batch"]]
    advice = "推理时一定要model.eval()，否则还在用测试batch的统计"
    assert match_claim(normalise(advice), groups) is None
    english = "at inference call eval(), otherwise you still use the test batch stats"
    assert match_claim(normalise(english), groups) is None
    assert match_claim(normalise("推理的时候用的是测试batch的均值方差"), groups)
    forgot = "PyTorch 里靠 model.eval() 切换，忘记切 eval 的话推理会用测试batch自己的统计量"
    assert match_claim(normalise(forgot), groups) is None
    english_forgot = "if you forget to call eval(), inference will use the test batch stats"
    assert match_claim(normalise(english_forgot), groups) is None
    assert match_claim(normalise("公式我忘了 反正推理的时候用的是测试batch的均值"), groups)
    forget_gate = [["forget gate"], ["keeps"], ["everything"]]  # the LSTM gate is no lapse
    assert match_claim(normalise("the forget gate keeps everything"), forget_gate)


def test_an_english_if_you_clause_is_not_the_claim() -> None:
    groups = [["tanh"], ["for the"], ["gate"]]
    assert (
        match_claim(normalise("if you used tanh for the gates, they could go negative"), groups)
        is None
    )
    assert match_claim(normalise("if we were to use tanh for the gates it breaks"), groups) is None
    assert match_claim(normalise("lstm uses tanh for the gates"), groups)


def test_a_pronoun_opening_a_clause_stands_for_its_antecedent() -> None:
    terms = ("tanh", "sigmoid", "导数")
    tanh = [["tanh"], ["导数"], ["最大"], ["0.25"]]
    said = "tanh输出在-1到1，是0中心的，收敛比sigmoid好一点，它的导数最大值是0.25"
    assert match_claim(normalise(said), tanh, terms=terms)
    assert match_claim(normalise(said), tanh) is None  # without the key's terms: no antecedent
    sigmoid = [["sigmoid"], ["导数"], ["最大"], ["0.25"]]
    assert match_claim(normalise(said), sigmoid, terms=terms) is None  # 比 sigmoid: a foil
    run_on = "sigmoid把输出压到0到1 缺点是两端饱和 而且它导数最大也就0.5"
    assert match_claim(normalise(run_on), [["sigmoid"], ["导数"], ["0.5"]], terms=terms)
    stacked = [["两层叠"], ["参数量比一个5x5还要多"]]
    said = "两层叠起来感受野就等于一个5x5 然后它参数量比一个5x5还要多一些"
    assert match_claim(
        normalise(said), stacked, terms=("两层叠", "5x5")
    )  # 等于一个 5x5: no subject
    newton = [["二阶方法"], ["逃离"], ["鞍点"]]
    far = "二阶方法每一步都要算 Hessian 还要求逆 存储和计算代价都非常大 在非凸问题里也不稳定 "
    assert match_claim(normalise(far + "而且它能逃离鞍点"), newton, terms=("二阶方法",))
    assert match_claim(normalise(far + "噪声能帮它逃离鞍点"), newton, terms=("二阶方法",)) is None


def test_a_link_said_to_be_unrelated_is_no_claim() -> None:
    groups = [["gn"], ["batch 维", "batch维"]]
    assert match_claim(normalise("所以GN跟 batch 维度无关，batch 等于1也行"), groups) is None
    assert match_claim(normalise("GN 也要在 batch 维上统计"), groups)


def test_a_dot_inside_a_name_is_no_full_stop() -> None:
    text = normalise("a common bug is forgetting model.eval(), then it keeps updating")
    assert text.one_sentence(16, 33)
    assert not normalise("it is done. then it keeps updating").one_sentence(0, 20)


def test_a_bare_bu_right_before_a_claim_governs_it() -> None:
    groups = [["可以全设为0"]]
    assert match_claim(normalise("可以全设为0的 反向传播会把它们拉开"), groups)
    assert match_claim(normalise("不可以全设为0 因为对称性没法打破"), groups) is None


def test_a_claim_is_not_read_across_the_next_item_of_a_list() -> None:
    groups = [["beta1", "β1"], ["二阶矩", "second moment"]]
    listed = "一个是一阶矩 beta1一般0.9 另一个是二阶矩 梯度平方的滑动平均"
    assert match_claim(normalise(listed), groups) is None
    assert match_claim(normalise("beta1 是二阶矩的衰减系数"), groups)
    english = "beta1 is 0.9, the other one is the second moment"
    assert match_claim(normalise(english), groups) is None
    clipped = [["梯度裁剪"], ["权重"]]  # items of a list run together with the enumeration comma
    assert match_claim(normalise("针对爆炸的：梯度裁剪、权重正则、小一点的学习率"), clipped) is None
    assert match_claim(normalise("梯度裁剪就是把权重限制在一个范围里"), clipped)
    mul = [["mul"], ["矩阵乘"]]  # two kinds listed in one breath: the second is another thing
    kinds = "一类是element-wise 就是*或者torch.mul 支持broadcast 另一类是矩阵乘 torch.mm只能二维"
    assert match_claim(normalise(kinds), mul) is None
    assert match_claim(normalise("torch.mul 其实就是矩阵乘"), mul)


def test_a_claims_subject_right_after_bi_is_the_foil_of_a_comparison() -> None:
    groups = [["l0"], ["容易优化", "easy to optimize"]]
    assert (
        match_claim(normalise("L1 是 L0 的最优凸近似 而且它比 L0 范数要容易优化"), groups) is None
    )
    assert match_claim(normalise("it is easier than l0 to optimize"), groups) is None
    assert match_claim(normalise("l0 范数是凸的 很容易优化"), groups)
    softmax = [["mask"], ["softmax"]]  # a later part can be the foil too
    assert match_claim(normalise("mask分支只管形状 这样解耦比softmax好"), softmax) is None
    assert match_claim(normalise("the mask head does better than softmax would"), softmax) is None
    assert match_claim(normalise("mask用softmax比sigmoid好"), softmax)
    assert match_claim(normalise("一共要比 50 场"), [["一共"], ["50 场"]])  # 比 the verb: to play


def test_a_part_framed_as_what_is_compared_with_is_not_the_claim() -> None:
    """ "tf.function 会trace代码转成图 跟PyTorch的动态图对比…" compares with PyTorch's dynamic
    graph; it does not say tf.function makes a dynamic graph."""
    groups = [["tf.function"], ["转成"], ["动态图"]]
    compared = "想要图的话加tf.function 它会trace Python代码转成图 跟PyTorch的动态图对比就是先建图"
    assert match_claim(normalise(compared), groups) is None
    assert match_claim(normalise("tf.function 就是把函数转成动态图执行 跟静态图对比更灵活"), groups)


def test_a_part_said_inside_a_term_the_key_excludes_is_not_said() -> None:
    """ "average pooling就是一个box filter" does not say "average" of max pooling: the part
    (average) is inside average pool, a term the claim's unless excludes."""
    groups, unless = [["它", "max"], ["averages", "平均值"]], ["average pool", "平均池化"]
    said = "步长大于1 它同时就是一次降采样 从信号处理看 average pooling就是一个box filter"
    assert match_claim(normalise(said), groups, unless) is None
    assert match_claim(normalise("max 其实就是取平均值"), groups, unless)


def test_a_claim_said_of_every_side_named_is_still_the_claim() -> None:
    """ "不管是max pooling还是average pooling 都是把梯度平均分给每个位置" says it of max pooling:
    average pooling is named beside it, not in contrast."""
    groups, unless = [["max pooling"], ["平均分"]], ["average", "平均池化"]
    both = "不管是max pooling还是average pooling 都是把后一层的梯度平均分给窗口里的每个位置"
    assert match_claim(normalise(both), groups, unless)
    contrast = "max pooling跟average pooling不同 梯度平均分"
    assert match_claim(normalise(contrast), groups, unless) is None
    alike = "反向传播的时候 max pooling和average pooling一样 都是把梯度平均分给窗口里的每个位置"
    assert match_claim(normalise(alike), groups, unless)
    unlike = "max pooling和average pooling不一样 average pooling是把梯度平均分"
    assert match_claim(normalise(unlike), groups, unless) is None


def test_a_result_said_with_zheyang_reaches_back_to_its_subject() -> None:
    """ "梯度裁剪 小于某个阈值的时候就把它拉到阈值 这样梯度就不会消失了" says clipping stops
    vanishing: what comes between is how it works, and 这样 takes the claim back to it."""
    groups = [["梯度裁剪"], ["不会消失"]]
    how = "解决办法就是梯度裁剪 给梯度设一个范围 小于某个阈值的时候就把它拉到阈值 "
    assert match_claim(normalise(how + "这样梯度就不会消失了"), groups)
    assert match_claim(normalise(how + "梯度就不会消失了"), groups) is None


def test_a_claim_about_a_topic_reaches_over_what_is_said_of_it() -> None:
    """ "average pooling的话 前向是取平均 反向就是把这个梯度原封不动地复制给…" is about average
    pooling, set up as the topic, though its parts are further apart than a claim's usual span
    (and 反向, a term, opens no new statement under that topic); the next topic ends it."""
    groups = [["average pool"], ["原封不动"]]
    topic = "average pooling的话 前向是取平均 反向就是把这个梯度原封不动地复制给每一个位置"
    assert match_claim(normalise(topic), groups, terms=("反向",), subjects=("max pool",))
    plain = "average pooling 前向是取平均 然后其他的层 反向传播就是把这个梯度原封不动地传回去"
    assert match_claim(normalise(plain), groups) is None
    other = (
        "average pooling的话 前向是取平均 反向是平均分 然后max pooling的话"
        " 前向的时候记住最大值的位置 反向就是把梯度原封不动地给最大值位置"
    )
    assert match_claim(normalise(other), groups, terms=("反向",), subjects=("max pool",)) is None
    # a condition set up as the topic: "学习率太小的话 …" (its 的话 after the claim's second part)
    small = [["学习率"], ["太小"], ["消失"]]
    said = "学习率太小的话 每次更新的步子特别小 参数基本动不了 前面几层的梯度就消失了"
    assert match_claim(normalise(said), small)
    assert match_claim(normalise(said.replace("的话", "")), small) is None
    # a list item's label: "HOG：…" is said of HOG up to the next label
    rotation = [["hog"], ["旋转不变"]]
    item = "HOG：cell 里统计梯度方向直方图再做 block 归一化，对光照和旋转都不敏感，有旋转不变性"
    assert match_claim(normalise(item), rotation)
    assert match_claim(normalise(item.replace("：", " ")), rotation) is None
    listed = "HOG：cell 里统计梯度方向直方图，对光照不敏感，SIFT：DoG 找极值点，有旋转不变性"
    assert match_claim(normalise(listed), rotation) is None


def test_a_myth_named_to_be_refuted_is_not_the_candidates_claim() -> None:
    same = [["bp", "反向传播"], ["和"], ["gradient descent", "梯度下降"]]
    refuted = "很多人把 BP 和 gradient descent 混为一谈 其实 BP 只负责求梯度"
    assert match_claim(normalise(refuted), same) is None
    assert match_claim(normalise("BP 和 gradient descent 是一回事"), same)
    worse = [["欠拟合"], ["加正则"]]
    assert match_claim(normalise("欠拟合时加正则只会更糟"), worse) is None
    assert match_claim(normalise("欠拟合时加正则就好了"), worse)


def test_a_chinese_modifier_in_the_unless_list_run_onto_the_subject_vetoes_it() -> None:
    groups = [["感知机"], ["能", "可以"], ["异或"]]
    said = "多层感知机可以训练了 能解决异或这类非线性问题"
    assert match_claim(normalise(said), groups, ["多层"]) is None
    assert match_claim(normalise("感知机可以解决异或"), groups, ["多层"])
    # a lone function word right before the subject is no modifier, nor is a connector
    assert match_claim(normalise("L1 让权重变小 而L2 让权重稀疏"), [["l2"], ["稀疏"]], ["而"])
    swapped = [["高方差"], ["对应"], ["欠拟合"]]
    said = "拟合不了数据 所以高方差对应的是欠拟合"
    assert match_claim(normalise(said), swapped, ["所以", "偏差"])
    assert match_claim(normalise("高方差 所以对应的是欠拟合"), swapped, ["所以"]) is None


def test_an_english_myth_named_to_refute_it_or_a_mix_up_is_not_the_claim() -> None:
    second = [["adam"], ["second-order"]]
    refuted = "A common misconception is that Adam is a second-order method. It isn't"
    assert match_claim(normalise(refuted), second) is None
    assert match_claim(normalise("Adam is a second-order method"), second)
    mixed = [["闭运算"], ["先腐蚀后膨胀"]]
    assert match_claim(normalise("很多人把开运算和闭运算顺序记反，开是先腐蚀后膨胀"), mixed) is None
    assert match_claim(normalise("闭运算是先腐蚀后膨胀"), mixed)


def test_a_chinese_myth_lead_and_an_english_common_mistake_are_not_the_claim() -> None:
    refuted = "很多人以为gradient clipping也能解决梯度消失 其实clipping只处理梯度爆炸"
    assert match_claim(normalise(refuted), CLIP) is None
    assert match_claim(normalise("gradient clipping也能解决梯度消失"), CLIP)
    same = [["precision"], ["same as"], ["accuracy"]]
    mixup = "It's a common mix-up to think precision is the same as accuracy"
    assert match_claim(normalise(mixup), same) is None


CLIP = [["clipping", "梯度裁剪"], ["解决"], ["梯度消失"]]
SPARSE = [["l2"], ["makes", "让"], ["exactly zero", "稀疏"]]
VANISH = [["relu"], ["存在", "有"], ["梯度消失"]]
ANCHORS = [["yolov1"], ["uses", "用了"], ["anchor", "default box"]]


@pytest.mark.parametrize(
    ("groups", "not_stated", "stated"),
    [
        (CLIP, "很多人说gradient clipping能解决梯度消失 其实不能", None),
        (SPARSE, "L2 just shrinks all weights and rarely makes them exactly zero", None),
        (SPARSE, "L2 几乎不让权重变稀疏", "L2 makes them exactly zero"),
        (VANISH, "那ReLU存在梯度消失吗？正半轴不存在", "ReLU也存在梯度消失"),
        ([["relu"], ["梯度消失"]], "does relu have 梯度消失? no", None),
        ([["支持向量"], ["乘子"], ["为0"]], "非支持向量的乘子为0", "支持向量的乘子为0"),
        (
            [["softmax"], ["for"], ["multi-label"]],
            "A common slip is using softmax for multi-label, then the labels compete",
            "softmax for multi-label is fine",
        ),
        (
            [["canny"], ["laplacian"]],
            "People sometimes say Canny uses Laplacian — no, it's first-derivative based",
            None,
        ),
        ([["多标签"], ["softmax"]], "多标签用softmax就错了，类之间会竞争", "多标签用softmax就行"),
        ([["(2m+1)^n"]], "a common mistake是把它算成(2m+1)^n", None),
        (ANCHORS, "unlike YOLOv1 it uses default boxes", "YOLOv1 uses anchor boxes"),
        (
            [["recomputes"], ["test data"]],
            "A common misconception is that at test time BN recomputes stats on the test data",
            "at test time BN recomputes stats on the test data",
        ),
        (
            [["1x1 conv"], ["does nothing"]],
            "a 1x1 conv looks like it does nothing since it sees no neighbours, but that's a "
            "common misunderstanding",
            "a 1x1 conv does nothing since it sees no neighbours",
        ),
        (
            [["dropout"], ["fix underfitting"]],
            "one thing people get wrong is thinking dropout will fix underfitting, it won't",
            "dropout will fix underfitting",
        ),
        (
            [["skip path"], ["multiplied"]],
            "the skip path lets the gradient flow back without being multiplied by every layer",
            "the skip path gets multiplied by every layer",
        ),
        (
            [["从输入层"], ["往"], ["输出层"]],
            "所以梯度是从输入层往……呃不对，说反了，应该是从输出层往输入层传",
            "所以梯度是从输入层往输出层传的",
        ),
        (
            [["small objects"], ["deep"]],
            "small objects are detected on the deep maps, no wait, on the shallow high-res ones",
            "small objects are detected on the deep low-res maps",
        ),
        (
            [["second moment"], ["二阶方法"]],
            "很多人一听 second moment 以为是二阶方法，其实不是，它只用一阶梯度",
            "Adam 的 second moment 说明它是二阶方法",
        ),
        (
            [["共享了"], ["没有梯度问题"]],
            "但是不是说共享了就没有梯度问题，长序列照样会梯度消失",
            "共享了就没有梯度问题",
        ),
        (
            [["1x1"], ["enlarg"], ["receptive field"]],
            "a 1x1 conv adds nonlinearity without enlarging the receptive field",
            "a 1x1 conv enlarges the receptive field",
        ),
        (
            [["average pooling"], ["copies"]],
            "A common slip is to say average pooling copies the gradient unchanged; you divide",
            "average pooling copies the gradient to each position",
        ),
        (
            [["bn"], ["does nothing"]],
            "It's a common objection that then BN does nothing; not true, gamma is easier to learn",
            "so BN does nothing in the end",
        ),
        (
            [["误差小"], ["l1"]],
            "误差小的时候又是平滑的 在0附近可导 比纯L1好",
            "误差小的时候就是L1",
        ),
        (
            [["linear regression"], ["for classification"]],
            "more robust than just using linear regression with a threshold for classification",
            "you can use linear regression with a threshold for classification",
        ),
        (ANCHORS, "不像 YOLOv1 用了 anchor 的是 v2", None),
        ([["星号"], ["当成", "是"], ["矩阵乘"]], "很多人会把星号当成矩阵乘 其实是逐元素", None),
    ],
)
def test_a_claim_refuted_asked_denied_or_contrasted_is_not_stated(
    groups: list[list[str]], not_stated: str, stated: str | None
) -> None:
    assert match_claim(normalise(not_stated), groups) is None
    if stated is not None:
        assert match_claim(normalise(stated), groups)


def test_a_claim_after_the_turn_of_a_myth_sentence_is_the_candidates() -> None:
    said = "people often think L1 and L2 differ little, but actually L2 makes weights sparse"
    assert match_claim(normalise(said), [["l2"], ["sparse"]])


MSE_LAPLACE = [["mse"], ["对应", "假设"], ["拉普拉斯", "laplace"]]


@pytest.mark.parametrize(
    "claim", ["mse 对应的是拉普拉斯分布的假设", "MSE 假设误差服从 Laplace 分布 所以对离群点不敏感"]
)
def test_a_claim_whose_verb_is_a_supposition_word_is_still_found(claim: str) -> None:
    assert match_claim(normalise(claim), MSE_LAPLACE, ["mae"]) is not None


@pytest.mark.parametrize(
    "run_on",
    [
        "假设误差是高斯分布 NLL推出来就是MSE 假设是Laplace分布 就是MAE",
        "假设误差是高斯分布 NLL推出来MSE 假设是Laplace分布 MAE",  # 就是 stripped as a filler
    ],
)
def test_a_condition_opened_after_a_pause_with_its_own_consequent_is_the_next_rule(
    run_on: str,
) -> None:
    """The spoken run-on of a right answer: MSE ends one rule, 假设 opens the next."""
    assert match_claim(normalise(run_on), MSE_LAPLACE, ["mae"]) is None


def test_a_side_said_to_be_another_wording_of_itself_is_a_definition_not_the_claim() -> None:
    pairs = ((("l1", "lasso"), ("l2", "weight decay")),)
    sparse_l2 = [["稀疏", "特征选择"], ["是l2", "是weight decay"]]
    spoken = normalise("l1会让权重稀疏 可以做特征选择 L2就是weight decay 让权重整体变小")
    assert match_claim(spoken, sparse_l2, pairs=pairs) is None
    assert match_claim(normalise("做特征选择的是weight decay"), sparse_l2, pairs=pairs)
    assert match_claim(normalise("稀疏的是l2"), sparse_l2, pairs=pairs)


def test_a_size_s_product_sign_is_any_sign_with_or_without_spaces() -> None:
    """A key writing k×1 hears "k乘1" (a false central claim on depthwise convolution was missed
    so), 3乘3乘128 hears "3 乘 3 乘 128", and 3x3 hears "三乘三"."""
    said = normalise("深度可分离卷积就是把k乘k的卷积拆成一个k乘1和一个1乘k的卷积")
    where = match_claim(said, [["深度可分离"], ["k×1", "1×k"]])
    assert where is not None and said.quote(*where).endswith("k乘1")
    assert find(normalise("参数量就是 3 乘 3 乘 128 再加 bias"), ["3乘3乘128"])
    assert find(normalise("用两个3x3代替5x5"), ["3乘3"])
    assert find(normalise("三乘三的卷积"), ["3x3"])
    assert find(normalise("k 乘以 k 的卷积"), ["kxk"])
    assert find(normalise("max pooling"), ["max"])  # no sign inside a word
    assert not find(normalise("0.5乘3"), ["0.5x3"])  # a decimal is no side of a size


def test_an_adverb_before_a_comparison_inside_a_wording_is_still_the_wording() -> None:
    assert find(normalise("Adam泛化一般比SGD更好"), ["泛化比"])
    assert find(normalise("sgd泛化往往更好"), ["泛化更好"])
    assert find(normalise("收敛会更快"), ["收敛更快"])  # after a concept (收敛) of the glossary
    assert not find(normalise("泛化不会更好"), ["泛化更好"])  # a negation is no adverb
    assert not find(normalise("参数都更新"), ["参数更新"])  # 更新 is no comparison
    assert find(normalise("relu计算也快"), ["计算快"])  # before a gradable word too
    assert find(normalise("参数量比较少"), ["参数量少"])
    assert not find(normalise("学习率太大"), ["学习率大"])  # 太大 is its own claim
    assert not find(normalise("梯度不小"), ["梯度小"])


SEPARATED = {
    # 要么 opens the next alternative
    "alternative": (
        [["max pooling"], ["取平均"]],
        "每个窗口里面要么取最大值 这是max pooling 要么取平均 就是average pooling",
        "max pooling就是取平均",
    ),
    # a list opener said again opens the next item
    "opener again": (
        [["mobilenet"], ["剪枝", "模型压缩"]],
        "提速的话 一个是设计轻量化网络 像MobileNet ShuffleNet 一个是模型压缩 剪枝 量化",
        "MobileNet 有两种做法 一个是模型压缩 剪枝",
    ),
    # what a thing builds on is not what it is
    "baseline": (
        [["cnn"], ["全连接"]],
        "所以CNN相当于在全连接的基础上加了一个很强的先验",
        "CNN其实就是全连接",
    ),
    # a named thing 把 changes into something else is not said to be it
    "disposed": (
        [["roi pooling"], ["双线性插值"]],
        "RoI Align就是把RoI Pooling里面的取整操作去掉了 改用双线性插值来算",
        "RoI Pooling 里面用的是双线性插值",
    ),
    # ... but what a thing does to something unnamed is its claim
    "done to": (
        [["最大的"], ["变成1"]],
        "嗯 先求个和吧",
        "softmax 把最大的那个变成1 其他都变成0",
    ),
    # what is equated with the subject is no subject; a comparison (大于等于) is no equation
    "equated": (
        [["mm"], ["高维", "广播"]],
        "matmul最通用 二维的时候就等于mm 高维的时候把最后两维当矩阵乘 前面的batch维可以广播",
        "维度大于等于mm 也支持高维",
    ),
}


@pytest.mark.parametrize("case", list(SEPARATED))
def test_a_claim_is_not_read_across_what_a_listener_hears_as_apart(case: str) -> None:
    groups, apart, claimed = SEPARATED[case]
    assert match_claim(normalise(apart), groups) is None
    assert match_claim(normalise(claimed), groups)


def test_a_turn_ends_the_scope_of_an_unless_before_wording() -> None:
    """ "不像 SegNet 那样…" scopes a claim about pooling indices to SegNet, where it is right; "不像
    FCN 那样搞跳跃连接 … 而是记下池化的位置索引" turns: what follows 而是 is the candidate's own
    claim about U-Net."""
    from interviewer.grading.keymatch import states
    from interviewer.types.answer_key import Misconception

    wrong = Misconception(
        claim="U-Net 上采样靠池化索引",
        says=[["unet"], ["位置索引"]],
        correction="那是 SegNet",
        unless_before=["不像"],
    )
    assert states(normalise("不像 SegNet 那样 unet 不用记池化的位置索引"), wrong) is None
    turned = "不像FCN那样搞跳跃连接 而是unet在池化的时候记下位置索引"
    assert states(normalise(turned), wrong)
    assert states(normalise("不像FCN那样 unet在池化的时候记下位置索引"), wrong) is None
