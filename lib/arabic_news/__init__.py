"""arabic_news: the Arabic news research lab's helper package.

The Arabic-text core is re-exported here::

    from arabic_news import Article, read_article, normalise, words, sentences, paragraphs

and one call analyses an article (each part computed on first access)::

    import arabic_news as an
    a = an.analyse("seeds/iraq-nato-security-cooperation.txt")
    a.topic, a.keywords, a.attributions, a.markers, a.persuasion

Topic classification (:mod:`arabic_news.topics`), keyword extraction
(:mod:`arabic_news.keywords`) and rhetoric (:mod:`arabic_news.rhetoric`,
:mod:`arabic_news.persuasion`) are imported on demand; nothing heavy is loaded
at import time.
"""

from .analysis import Analysis, analyse
from .article import Article, read_article
from .errors import ArticleError, InputError
from .normalise import normalise
from .tokenise import paragraphs, sentences, words

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "analyse",
    "Article",
    "ArticleError",
    "InputError",
    "read_article",
    "normalise",
    "words",
    "sentences",
    "paragraphs",
    "__version__",
]
