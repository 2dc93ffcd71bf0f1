"""Build-time code of the site; nothing in the runtime package imports it.

* [`cnnref.site.markers`][cnnref.site.markers]: the page markers (``<!-- cnnref:layer-table alexnet -->``), one grammar
  and one table of kinds;
* [`cnnref.site.provenance`][cnnref.site.provenance]: the provenance line at the end of every page;
* [`cnnref.site.api_language`][cnnref.site.api_language]: the language of the API reference's section headings;
* [`cnnref.site.docstrings`][cnnref.site.docstrings]: the griffe extension that shows docstring examples as an
  "Examples" section and a docstring's prose ahead of its sections;
* [`cnnref.site.bilingual`][cnnref.site.bilingual]: a bilingual docstring in one language, the page's;
* [`cnnref.site.notebook`][cnnref.site.notebook]: every page as a Jupyter notebook, and its download link;
* [`cnnref.site.extension`][cnnref.site.extension]: the Python-Markdown extension, loaded from ``markdown_extensions:``
  in ``mkdocs.yml``, that applies them to every page.

站点的构建时代码：页面标记、来源信息、API 参考的语言、griffe 扩展、双语文档字符串的按语言显示、每页的 Jupyter 笔记本，
以及把它们用于每一页的 Python-Markdown 扩展。运行时的包从不导入它。
"""
