"""Chinese, English and abbreviated names of deep-learning concepts, for matching across them.

Candidates say "overfit", notes say "过拟合"; interviewers say "lr", notes say "学习率". The small
multilingual model only partly bridges that, and BM25 not at all. Each concept below lists its
spellings; `canonicalise` maps every spelling to one token for lexical matching, and
`expand_query` appends a concept's other names to a query before it is embedded.

Written as general interview vocabulary, not from any one test set; ASCII spellings match whole
words only ("ln" never fires inside "kiln").
"""

from __future__ import annotations

import re
from functools import lru_cache

# token | English name | Chinese name | other spellings (comma-separated); a repeated token adds
# spellings to the first line's.
_TABLE = """
bn | batch normalization | 批量归一化 | batch norm, batchnorm, 批归一化, 批量标准化, 批标准化
bn | batch normalization | 批量归一化 | batch normalizaion
ln | layer normalization | 层归一化 | layer norm, layernorm, 层标准化
gn | group normalization | 组归一化 | group norm, groupnorm
instancenorm | instance normalization | 实例归一化 | instance norm, instancenorm
normalization | normalization | 归一化 | normalisation, 标准化
overfitting | overfitting | 过拟合 | overfit, over-fitting, over fitting
underfitting | underfitting | 欠拟合 | underfit, under-fitting, under fitting
bias | bias | 偏差
variance | variance | 方差
regularization | regularization | 正则化 | regularisation, 正则
weightdecay | weight decay | 权重衰减 | 权值衰减
dropout | dropout | 随机失活 | drop out
augmentation | data augmentation | 数据增强 | data argumentation, 数据扩增, augmentation
learningrate | learning rate | 学习率 | lr
batchsize | batch size | 批大小 | batch_size, batchsize, 批量大小
sgd | stochastic gradient descent | 随机梯度下降
gradientdescent | gradient descent | 梯度下降
momentum | momentum | 动量
optimizer | optimizer | 优化器 | optimiser
vanishinggradient | vanishing gradient | 梯度消失 | gradient vanishing, 梯度弥散
vanishinggradient | vanishing gradient | 梯度消失 | vanishing gradients
explodinggradient | exploding gradient | 梯度爆炸 | gradient explosion, gradient exploding
explodinggradient | exploding gradient | 梯度爆炸 | exploding gradients
gradientclipping | gradient clipping | 梯度裁剪 | 梯度截断, clip grad
bp | backpropagation | 反向传播 | back propagation, backprop, bp算法
activation | activation function | 激活函数 | 激励函数
loss | loss function | 损失函数 | 代价函数, cost function
ce | cross entropy | 交叉熵 | cross-entropy
mse | mean squared error | 均方误差 | mean square error
cnn | convolutional neural network | 卷积神经网络 | 卷积网络, convnet
rnn | recurrent neural network | 循环神经网络
lstm | long short-term memory | 长短期记忆网络 | 长短期记忆
gru | gated recurrent unit | 门控循环单元
kernel | convolution kernel | 卷积核
conv | convolution | 卷积 | conv
pooling | pooling | 池化
receptivefield | receptive field | 感受野
dilatedconv | dilated convolution | 空洞卷积 | dilated conv, atrous convolution, 膨胀卷积
transposedconv | transposed convolution | 转置卷积 | transposed conv, deconvolution, deconv, 反卷积
depthwise | depthwise separable convolution | 深度可分离卷积 | depthwise separable, depthwise
depthwise | depthwise separable convolution | 深度可分离卷积 | 深度可分离
groupconv | group convolution | 分组卷积 | group conv, grouped convolution, 组卷积
attention | attention | 注意力机制 | 注意力
precision | precision | 精确率 | 查准率, 精准率
recall | recall | 召回率 | 查全率
accuracy | accuracy | 准确率
iou | intersection over union | 交并比
nms | non-maximum suppression | 非极大值抑制 | non maximum suppression, 非极大抑制
pca | principal component analysis | 主成分分析
svd | singular value decomposition | 奇异值分解
kl | kl divergence | kl散度 | kullback-leibler, 相对熵
gan | generative adversarial network | 生成对抗网络
svm | support vector machine | 支持向量机
logisticregression | logistic regression | 逻辑回归
linearregression | linear regression | 线性回归
decisiontree | decision tree | 决策树
randomforest | random forest | 随机森林
fpn | feature pyramid network | 特征金字塔
roialign | roi align | ROI Align | roialign
roipooling | roi pooling | ROI Pooling | roipooling
featuremap | feature map | 特征图
localoptimum | local optimum | 局部最优 | local minimum, local minima, 局部极小
convergence | convergence | 收敛 | converge
imbalance | class imbalance | 样本不均衡 | imbalanced, imbalance, 不均衡, 不平衡
finetune | fine-tuning | 微调 | fine-tune, finetune, fine tune, finetuning
pretrain | pre-training | 预训练 | pretrain, pre-train, pretraining
residual | residual connection | 残差连接 | skip connection, 残差
initialization | initialization | 初始化 | initialisation, init
hyperparameter | hyperparameter tuning | 调参 | hyperparameter, 超参数
perceptron | perceptron | 感知机 | 感知器
newton | newton's method | 牛顿法 | newton method
secondorder | second-order | 二阶 | second order
fc | fully connected layer | 全连接层 | fully connected, 全连接
"""


def _parse(table: str) -> dict[str, tuple[tuple[str, str], tuple[str, ...]]]:
    concepts = {}
    for line in table.strip().splitlines():
        token, english, chinese, *rest = (part.strip() for part in line.split("|"))
        others = tuple(o.strip() for o in rest[0].split(",")) if rest else ()
        names, known = concepts.get(token, ((english, chinese), ()))
        concepts[token] = (names, known + others)
    return concepts


CONCEPTS = _parse(_TABLE)
"""token -> ((English name, Chinese name), other spellings); names are used for expansion."""


@lru_cache(maxsize=1)
def patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every spelling, longest first, ASCII ones bounded as whole words."""
    spelling_to_token: dict[str, str] = {}
    for token, (names, others) in CONCEPTS.items():
        for spelling in (token, *names, *others):
            spelling_to_token.setdefault(spelling.lower(), token)
    alternatives = []
    for spelling in sorted(spelling_to_token, key=len, reverse=True):
        escaped = re.escape(spelling)
        if spelling[0].isascii() and spelling[0].isalnum():
            escaped = r"(?<![a-z0-9])" + escaped
        if spelling[-1].isascii() and spelling[-1].isalnum():
            escaped += r"(?![a-z0-9])"
        alternatives.append(escaped)
    return re.compile("|".join(alternatives)), spelling_to_token


def spellings(word: str) -> tuple[str, ...]:
    """Every spelling of the concept `word` is a spelling of (just `word` when it is none)."""
    _, tokens = patterns()
    token = tokens.get(word.strip().lower())
    if token is None:
        return (word,)
    names, others = CONCEPTS[token]
    return tuple(dict.fromkeys((word, token, *names, *others)))


def canonicalise(text: str) -> str:
    """Lowercase `text` with every known spelling replaced by its concept's token."""
    pattern, tokens = patterns()
    return pattern.sub(lambda m: f" {tokens[m.group()]} ", text.lower())


def concepts_in(text: str) -> list[str]:
    """Concept tokens mentioned in `text`, in order of first mention."""
    pattern, tokens = patterns()
    return list(dict.fromkeys(tokens[m.group()] for m in pattern.finditer(text.lower())))


def expand_query(text: str) -> str:
    """`text` plus the English and Chinese names it lacks of the concepts it mentions."""
    lowered = text.lower()
    names = [
        name
        for concept in concepts_in(text)
        for name in CONCEPTS[concept][0]
        if name.lower() not in lowered
    ]
    return f"{text} ({', '.join(names)})" if names else text
