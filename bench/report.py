"""Bench: report build times from an empty cache, beside the budgets of issue 10, in one run.

Everything happens in a temporary folder: an empty ``ARABIC_NEWS_CACHE``, a
reports folder, a copy of the featured seed article and a few throwaway Arabic
articles written here (or ``tests/fixtures/articles/*.txt`` when present).
Figures are never written (``--no-figures``).  Steps, each a
``python -m arabic_news report build`` process:

1. **first build**: lab-level reports + the featured article, empty cache
   (warm-up steps, every cold model and corpus statistic built on the way);
2. **warm rebuild**: the article's reports rebuilt with the caches warm
   (its report folder removed; the lab-level reports are current and skipped),
   and, separately, a forced rebuild of everything (lab-level reports too);
3. **each additional article**: one new article per build, warm (median over
   several), and the same articles again in one batch build (per article);
4. **100 articles**: extrapolated (not measured) -- in one build (``make report`` with 100 files in
   ``seeds/``) from the batch build's per-article cost, and one per build from the single-build median.

Reference measured in the same run: the build floor -- one build (process
start, kernels, one cell each, HTML) of an article with as many trivial
notebooks as a real article has, ``JOBS`` at once.

Run: ``.venv/bin/python bench/report.py [--jobs 2] [--extra 4] [--quick]``
(about 10 minutes on the 2-core machine; ``--quick`` measures QUICK builds).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from arabic_news.paths import project_root

ROOT = project_root()
FEATURED = ROOT / "seeds" / "iraq-nato-security-cooperation.txt"
BUDGETS = {"first": 240.0, "warm": 45.0, "article": 20.0, "hundred": 1800.0}

# Throwaway articles written for this bench (general news Arabic, no corpus text).
ARTICLES = {
    "match-report.txt": (
        "الفريق يفوز في مباراة الأمس\n"
        "فاز فريق المدينة على ضيفه بهدفين مقابل هدف واحد في المباراة التي أقيمت مساء أمس على الملعب الرئيسي.\n"
        "وسجل المهاجم الهدف الأول في الدقيقة العشرين، ثم أضاف زميله الهدف الثاني قبل نهاية الشوط الأول.\n"
        'وقال المدرب بعد المباراة: "اللاعبون قدموا أداء جيدا ونحتاج إلى مواصلة العمل".\n'
    ),
    "market-bulletin.txt": (
        "ارتفع المؤشر العام للسوق المالية في ختام تعاملات اليوم بنسبة واحد في المئة، وبلغت قيمة التداولات "
        "نحو مليار درهم، وتصدرت أسهم البنوك والعقارات قائمة الأسهم الأكثر نشاطا.\n"
    ),
    "health-notice.txt": (
        "وزارة الصحة تطلق حملة للتطعيم\n"
        "أعلنت وزارة الصحة بدء حملة وطنية للتطعيم ضد الإنفلونزا الموسمية في جميع المراكز الصحية اعتبارا من الأسبوع المقبل.\n"
    ),
    "culture-festival.txt": (
        "افتتاح مهرجان الشعر العربي\n"
        "افتتح مساء أمس مهرجان الشعر العربي بمشاركة عشرات الشعراء من مختلف الدول العربية.\n"
        "وأكد رئيس اللجنة المنظمة أن المهرجان يهدف إلى دعم المواهب الشابة وتعزيز حضور الشعر في الحياة الثقافية.\n"
        "ويتضمن البرنامج أمسيات شعرية وندوات نقدية ومعرضا للكتاب يستمر أسبوعا.\n"
    ),
    "tech-launch.txt": (
        "شركة ناشئة تطلق تطبيقا للتعليم\n"
        "أطلقت شركة ناشئة تطبيقا جديدا يساعد الطلاب على تعلم البرمجة باللغة العربية عبر دروس قصيرة وتمارين تفاعلية.\n"
        "وقال مؤسس الشركة إن التطبيق مجاني في مرحلته الأولى، وإن الشركة تخطط لإضافة مواد جديدة خلال العام.\n"
    ),
}


def speed_probe(repeats: int = 3) -> tuple[float, float]:
    """Machine speed: wall seconds of two fixed workloads that use no project code, best of ``repeats``.

    ``compute``: dict counting in Python and one-thread BLAS products, in this process.
    ``imports``: a new Python process importing numpy, pandas, scikit-learn and matplotlib -- what every
    warm-up step and notebook kernel of a build starts with.  The same 2-core machine (a shared host) has
    run the whole bench up to 1.4x slower in some hours than in others, the import-heavy parts up to
    2x, while ``compute`` moved by only 15 %; so a build time near its budget is only comparable
    across runs next to both figures.
    """
    import numpy as np
    from threadpoolctl import threadpool_limits

    compute = imports = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        counts: dict[str, int] = {}
        for i in range(1_500_000):
            k = f"كلمة{i % 7919}"
            counts[k] = counts.get(k, 0) + 1
        a = np.random.default_rng(0).standard_normal((700, 700))
        with threadpool_limits(1):
            for _ in range(15):
                a = np.tanh(a @ a / 700)
        compute = min(compute, time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import numpy, pandas, sklearn.svm, matplotlib.pyplot"], check=True, cwd=ROOT
        )
        imports = min(imports, time.perf_counter() - t0)
    return compute, imports


def _probe_line(when: str, probe: tuple[float, float], start: tuple[float, float] | None = None) -> None:
    what = f"reference: machine speed probe at the {when} (compute / imports; lower = faster)"
    was = f"  (start: {start[0]:.2f} / {start[1]:.2f} s)" if start else ""
    print(f"{what:58} {probe[0]:6.2f} s / {probe[1]:.2f} s{was}", flush=True)


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _build(args: list[str], env: dict[str, str], *, show: bool = False) -> float:
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "arabic_news", "report", "build", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - t0
    _build.cpu = _children_cpu() - cpu0  # CPU seconds of the build and every process it waited for
    if proc.returncode != 0 or "FAILED" in proc.stdout:
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
    if show:  # the build's own breakdown: warm-up steps and notebooks, each with its seconds
        for line in proc.stdout.splitlines():
            if line.startswith("  ") and ("warm-up" in line or ".ipynb" in line):
                print("    " + line.strip(), flush=True)
    return took


def _line(what: str, seconds: float, budget: float | None, note: str = "") -> None:
    verdict = "" if budget is None else ("  within budget" if seconds <= budget else "  OVER budget")
    b = "" if budget is None else f"  (budget {budget:6.0f} s)"
    print(f"{what:58} {seconds:8.1f} s{b}{verdict}{('  ' + note) if note else ''}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2, help="notebooks at once (default 2)")
    ap.add_argument("--extra", type=int, default=4, help="additional articles for the per-article median (default 4)")
    ap.add_argument("--quick", action="store_true", help="QUICK builds (subsampled; not the budgets' mode)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (printed)")
    ap.add_argument(
        "--articles-only",
        action="store_true",
        help="per-article notebooks only (no lab-level reports, no warm-up steps): the first build then only "
        "fills what the article's notebooks need",
    )
    ap.add_argument(
        "--reuse-cache",
        action="store_true",
        help="use the project's cache ($ARABIC_NEWS_CACHE or .cache) instead of an empty one: the 'first build' "
        "is then NOT cold (its line says so); the warm and per-article figures are the same measurement",
    )
    a = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    cache, out, arts = tmp / "cache", tmp / "reports", tmp / "articles"
    arts.mkdir()
    if a.reuse_cache:
        from arabic_news.paths import cache_dir

        cache = cache_dir()
    env = dict(os.environ, ARABIC_NEWS_CACHE=str(cache), ARABIC_NEWS_PROGRESS="0", ARABIC_NEWS_JOBS=str(a.jobs))
    common = ["--out", str(out), "--no-figures", "--jobs", str(a.jobs)] + (["--quick"] if a.quick else [])
    if a.articles_only:
        from arabic_news.report.build import list_notebooks as _per_article

        for nb in _per_article():
            common += ["--notebook", str(nb)]
    featured = arts / FEATURED.name
    shutil.copy(FEATURED, featured)
    fixtures = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
    extra = []
    for i in range(a.extra):
        if i < len(fixtures):
            p = arts / fixtures[i].name
            shutil.copy(fixtures[i], p)
        else:
            name, text = list(ARTICLES.items())[(i - len(fixtures)) % len(ARTICLES)]
            p = arts / (f"{i}-{name}")
            p.write_text(text, "utf-8")
        extra.append(p)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"bench/report.py: {tmp} ({'REUSED cache ' + str(cache) if a.reuse_cache else 'empty cache'}), jobs={a.jobs}, quick={a.quick}, cpus={os.cpu_count()}, "
        f"load average {load:.1f} at start",
        flush=True,
    )

    probe0 = speed_probe()
    _probe_line("start", probe0)

    from arabic_news.report.build import list_notebooks

    n_nb = len(list_notebooks())
    tiny_dir = tmp / "tiny"
    tiny_dir.mkdir()
    tiny = []
    for i in range(n_nb):  # as many trivial notebooks as an article has, built the way an article is built
        t = tiny_dir / f"{i:02d}-tiny.ipynb"
        shutil.copy(ROOT / "tests/fixtures/report/tiny.ipynb", t)
        tiny += ["--notebook", str(t)]
    floor = _build([str(featured), "--out", str(tmp / "floor"), *tiny, "--jobs", str(a.jobs)], env)
    _line(f"reference: build floor (one article of {n_nb} trivial notebooks, {a.jobs} at once)", floor, None)

    first = _build([str(featured), *common], env, show=True)
    what = "1 article (per-article notebooks only)" if a.articles_only else "lab-level reports + 1 article"
    if a.reuse_cache:
        _line(f"first build: {what}, REUSED cache (not cold)", first, None)
    elif a.articles_only:
        _line(f"first build: {what}, empty cache", first, None)
    else:
        _line("first build: lab-level reports + 1 article, empty cache", first, BUDGETS["first"])
    print(f"{'  its CPU (user + system, every process it waited for)':58} {_build.cpu:8.1f} s", flush=True)

    shutil.rmtree(out / "iraq-nato-security-cooperation")
    warm = _build([str(featured), *common], env)
    _line("warm rebuild: the article's reports (lab reports current)", warm, BUDGETS["warm"])
    forced = _build([str(featured), *common, "--force"], env)
    _line(f"warm rebuild, forced: {what}", forced, BUDGETS["warm"])

    singles = [_build([str(p), *common], env) for p in extra]
    med = statistics.median(singles)
    _line(
        f"each additional article, one per build (median of {len(singles)})",
        med,
        BUDGETS["article"],
        "[" + ", ".join(f"{s:.0f}" for s in singles) + "]",
    )
    from arabic_news.article import slugify

    for p in extra:
        shutil.rmtree(out / slugify(p.name), ignore_errors=True)
    batch = _build([*map(str, extra), *common], env)
    _line(f"each additional article, {len(extra)} in one build (per article)", batch / len(extra), BUDGETS["article"])
    # 100 articles are one `make report` with 100 files in seeds/: extrapolated from the batch build, whose
    # per-article figure still carries the build's fixed start-up once per len(extra) articles (an upper bound)
    _line(
        f"100 articles in one build (EXTRAPOLATED: 100 x the {len(extra)}-article batch's per-article cost)",
        100 * batch / len(extra),
        BUDGETS["hundred"],
    )
    _line("100 articles built one per build (EXTRAPOLATED: 100 x the single-build median)", 100 * med, None)
    _probe_line("end", speed_probe(), probe0)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "", flush=True)
    if a.keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
