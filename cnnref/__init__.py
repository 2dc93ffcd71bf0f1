"""cnnref: classic convolutional networks, the layers beneath them, and tools to
measure them - a reference whose every number is checked by code.

cnnref：经典卷积神经网络、其底层概念与分析工具的参考实现，每个数字都由代码验证。

>>> import cnnref
>>> cnnref.__version__
'0.1.0'
"""

from importlib.metadata import version as _version

__version__: str = _version("cnnref")
