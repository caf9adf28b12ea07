"""Numbers said in Chinese written as digits, character for character: a spoken answer types
"导数最大是零点二五" or "三乘三的卷积" where a key writes 0.25 and 3乘3. Only forms that read the
same in a key's wording as in an answer are rewritten (a decimal, a product of two digits; not a
range: "到一" of a wording has lost the digit before it), and each keeps its length, so every
offset into the text still points at the same words."""

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


def spoken_digits(text: str) -> str:
    """`text` with its spoken numbers in digits, as long as before."""
    return _SPOKEN.sub(lambda m: "".join(_DIGIT[c] for c in m.group()), text)
