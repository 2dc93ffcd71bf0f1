"""Pictures for the site, drawn at build time from the real code: the diagram of a network
(every stage with its output shape), the branches of an inception module or a residual
block, and small figures of layer concepts. Nothing is hand-drawn, so no picture can drift
from the code.

网站用图，在构建时由真实代码绘制：网络结构图（每一步及其输出形状）、inception 模块或残差块
的分支，以及层级概念的小图。没有手绘的图，所以图不会与代码脱节。

Every function returns an SVG string whose labels are in ``lang`` (a language of
``cnnref.i18n.LANGUAGES``; the words are in ``cnnref.i18n``). Text uses ``currentColor`` and the
boxes translucent tints, so the same picture reads well on a light and on a dark page. Shapes
come from one traced forward pass (``cnnref.analysis.trace``) on the ``meta`` device (no memory,
no time spent on weights); the figure values come from ``torch`` itself.

- ``svg``: the primitives and the style sheet;
- ``labels``: what a box says, read from the module;
- ``network``: ``network_svg``;
- ``blocks``: ``block_svg`` (an inception module or a residual block);
- ``figures``: the concept figures, ``FIGURES`` and ``figure_svg``.

每个函数都返回 SVG 字符串，标签使用 ``lang`` 指定的语言（文字在 ``cnnref.i18n`` 中）。文字用
``currentColor``，方框用半透明色块，因此浅色与深色页面上都清晰。形状来自在 ``meta`` 设备上的
一次前向计算；图中的数值由 ``torch`` 本身算出。

>>> from cnnref.diagrams import network_svg
>>> svg = network_svg("alexnet", lang="en")
>>> svg.startswith("<svg") and "256 × 6 × 6" in svg
True
"""

from cnnref.diagrams.blocks import block_svg
from cnnref.diagrams.figures import (
    FIGURES, conv1x1_svg, conv_groups_svg, conv_window_svg, figure_svg, pad_svg, pooling_svg,
)
from cnnref.diagrams.network import network_svg
from cnnref.diagrams.svg import text_width

__all__ = ["network_svg", "block_svg", "pooling_svg", "pad_svg", "conv1x1_svg", "conv_window_svg", "conv_groups_svg", "FIGURES", "figure_svg", "text_width"]
