"""Numbers said in Chinese written as digits, character for character: a spoken answer types
"导数最大是零点二五" or "三乘三的卷积" where a key writes 0.25 and 3乘3. Only forms that read the
same in a key's wording as in an answer are rewritten (a decimal, a product of two digits; not a
range: "到一" of a wording has lost the digit before it), and each keeps its length, so every
offset into the text still points at the same words. A size's product sign is one sign: 3乘3,
3×3, 3*3 and 3x3 (k乘1 and k×1) are one wording."""

from __future__ import annotations

import re

_DIGIT = {"零": "0", "〇": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4"}
_DIGIT |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9", "负": "-", "点": "."}
_D = "[零〇一二两三四五六七八九]"
_N = "[零〇一二两三四五六七八九十百千万]"
"""Any numeral: a digit next to one is part of a longer number (三十), left in words."""
_SPOKEN = re.compile(
    rf"(?<!{_N})负?{_D}点[零〇一二三四五六七八九]+(?![点]|{_N})"  # 零点二五, not 一点一点
    rf"|(?<!{_N}){_D}(?=乘{_D}(?!{_N}))|(?<=(?<!{_N}){_D}乘){_D}(?!{_N})"  # 三乘三, not 乘以
)


_PRODUCT = re.compile(
    r"(?<![A-Za-z0-9.])(\d+|[A-Za-z])(\s?)[乘×*](\s?)(?=\d|[A-Za-z](?![A-Za-z]))"
)
"""A size's product sign between two sides, each a whole number or a lone letter (3乘3, k×1,
1 * 1; not 0.5乘3, lr乘梯度 or y乘log)."""


def spoken_digits(text: str) -> str:
    """`text` with its spoken numbers in digits and a size's product sign as x, as long as
    before."""
    text = _SPOKEN.sub(lambda m: "".join(_DIGIT[c] for c in m.group()), text)
    return _PRODUCT.sub(lambda m: f"{m.group(1)}{m.group(2)}x{m.group(3)}", text)
