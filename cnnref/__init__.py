"""cnnref: classic convolutional networks, the layers beneath them, and tools to
measure them - a reference whose every number is checked by code.

cnnref：经典卷积神经网络、其底层概念与分析工具的参考实现，每个数字都由代码验证。

>>> import cnnref
>>> cnnref.__version__
'0.1.0'
"""


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata when asked for, not at import: reading
    # it costs the command line's start-up about 50 ms (importlib.metadata).
    if name == "__version__":
        from importlib.metadata import version

        return version("cnnref")
    raise AttributeError(f"module 'cnnref' has no attribute {name!r}")
