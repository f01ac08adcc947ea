#!/usr/bin/env python3
"""Generates the reference fixtures for the AnomalyModels tests.

Usage (from the repository root, in a throw-away virtual environment):

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install -r Scripts/reference/requirements.txt
    /tmp/refvenv/bin/python Scripts/reference/anomaly_models_reference.py

Writes JSON files into Tests/AnomalyModelsTests/Fixtures. NaN is written as
null. Every random draw uses numpy's default_rng with the seed stored in
the fixture.
"""

import json
import math
import os

import mpmath
import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import special, stats
from sklearn.covariance import MinCovDet

OUT = os.path.join(
    os.path.dirname(__file__), "..", "..", "Tests", "AnomalyModelsTests",
    "Fixtures")
VERSIONS = {
    "numpy": np.__version__, "pandas": pd.__version__,
    "scipy": scipy.__version__, "scikit-learn": sklearn.__version__,
    "mpmath": mpmath.__version__,
}


def clean(values):
    return [None if (v is None or (isinstance(v, float) and math.isnan(v)))
            else float(v) for v in values]


def write(name, payload):
    payload["generator"] = "Scripts/reference/anomaly_models_reference.py"
    payload["versions"] = VERSIONS
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"))
        f.write("\n")


def ewma_fixture():
    rng = np.random.default_rng(20240601)
    values = rng.normal(10, 3, 60)
    values[7] = np.nan
    values[30] = 250.0  # a spike
    cases = []
    for kind, param in [("alpha", 0.3), ("span", 10.0), ("halfLife", 5.0)]:
        for adjust in [True, False]:
            s = pd.Series(values)
            e = s.ewm(**{"alpha" if kind == "alpha" else
                         "span" if kind == "span" else "halflife": param},
                      adjust=adjust, ignore_na=True)
            cases.append({
                "decay": kind, "parameter": param, "adjust": adjust,
                "values": clean(values),
                "mean": clean(e.mean()),
                "varianceBiased": clean(e.var(bias=True)),
                "varianceUnbiased": clean(e.var(bias=False)),
            })
    # Irregular times: pandas supports only the mean; the variance
    # reference is the explicit weighted formula with w_i = 2^(-(t_n-t_i)/h)
    # (adjust=True), which is what the pandas recursion computes.
    times = np.cumsum(rng.exponential(600.0, 40))
    tv = rng.poisson(5, 40).astype(float)
    half = 1800.0
    timed = []
    for adjust in [True, False]:
        ts = pd.to_datetime(times, unit="s")
        m = pd.Series(tv).ewm(
            halflife=pd.Timedelta(seconds=half), times=ts,
            adjust=adjust).mean()
        entry = {"adjust": adjust, "times": times.tolist(),
                 "values": tv.tolist(), "halfLifeSeconds": half,
                 "mean": clean(m)}
        if adjust:
            vb, vu = [], []
            for n in range(len(tv)):
                w = 2.0 ** (-(times[n] - times[: n + 1]) / half)
                x = tv[: n + 1]
                mu = np.sum(w * x) / np.sum(w)
                b = np.sum(w * (x - mu) ** 2) / np.sum(w)
                s1, s2 = np.sum(w), np.sum(w * w)
                vb.append(b)
                vu.append(b * s1 * s1 / (s1 * s1 - s2)
                          if s1 * s1 - s2 > 0 else float("nan"))
            entry["varianceBiased"] = clean(vb)
            entry["varianceUnbiased"] = clean(vu)
        timed.append(entry)
    write("ewma.json", {"seed": 20240601, "cases": cases, "timed": timed})


def mad_fixture():
    rng = np.random.default_rng(7)
    samples = [
        rng.normal(0, 1, 101).tolist(),
        rng.normal(50, 10, 200).tolist(),
        rng.standard_cauchy(57).tolist(),
        rng.poisson(3, 64).astype(float).tolist(),
        [1.0, 2.0, 2.0, 2.0, 3.0, 100.0],
    ]
    cases = []
    for s in samples:
        a = np.asarray(s)
        cases.append({
            "values": s, "median": float(np.median(a)),
            "scale": float(stats.median_abs_deviation(a, scale="normal")),
        })
    # Sliding window: scipy over the preceding `window` values.
    stream = rng.normal(100, 15, 80).tolist()
    window = 21
    sliding = []
    for i in range(1, len(stream)):
        w = np.asarray(stream[max(0, i - window): i])
        med = float(np.median(w))
        sc = float(stats.median_abs_deviation(w, scale="normal"))
        sliding.append(None if sc == 0 else (stream[i] - med) / sc)
    write("mad.json", {
        "seed": 7, "constant": 1.0 / stats.norm.ppf(0.75), "cases": cases,
        "sliding": {"window": window, "values": stream, "scores": sliding}})


def log10_tail_mp(kind, k, mu, r=None):
    mpmath.mp.dps = 50
    if kind == "poisson":
        p = mpmath.gammainc(k, 0, mu, regularized=True)
    else:
        x = mpmath.mpf(mu) / (mpmath.mpf(r) + mu)
        p = mpmath.betainc(k, r, 0, x, regularized=True)
    return float(mpmath.log10(p))


def tails_fixture():
    poisson = []
    for k, mu in [(1, 0.5), (3, 2.0), (10, 2.0), (25, 3.0), (100, 10.0),
                  (1000, 900.0), (60, 0.01), (400, 1.0), (5000, 100.0),
                  (2, 40.0), (1_000_000, 999_000.0)]:
        poisson.append({
            "k": k, "mu": mu, "sf": float(stats.poisson.sf(k - 1, mu)),
            "log10sf": log10_tail_mp("poisson", k, mu)})
    nbinom = []
    for k, r, mu in [(1, 2.0, 0.5), (5, 1.5, 2.0), (30, 0.8, 3.0),
                     (200, 5.0, 10.0), (50, 10.0, 40.0), (3000, 2.0, 5.0),
                     (12, 100.0, 4.0)]:
        p = r / (r + mu)
        nbinom.append({
            "k": k, "r": r, "mu": mu,
            "sf": float(stats.nbinom.sf(k - 1, r, p)),
            "log10sf": log10_tail_mp("nbinom", k, mu, r)})
    write("tails.json", {"poisson": poisson, "negativeBinomial": nbinom})


def special_fixture():
    gamma = []
    for a, x in [(0.5, 0.1), (0.5, 3.0), (1.0, 1.0), (2.5, 0.7), (3.0, 10.0),
                 (10.0, 9.0), (50.0, 60.0), (100.0, 80.0), (1e4, 1.01e4),
                 (0.1, 1e-5), (7.5, 30.0)]:
        gamma.append({"a": a, "x": x, "p": float(special.gammainc(a, x)),
                      "q": float(special.gammaincc(a, x))})
    beta = []
    for a, b, x in [(0.5, 0.5, 0.3), (2.0, 3.0, 0.4), (10.0, 2.0, 0.9),
                    (1.5, 40.0, 0.01), (100.0, 120.0, 0.45), (5.0, 5.0, 0.5)]:
        beta.append({"a": a, "b": b, "x": x,
                     "value": float(special.betainc(a, b, x))})
    chi = []
    for df in [1, 2, 3, 5, 10, 30]:
        for x in [0.01, 0.5, 2.0, 7.5, 25.0]:
            chi.append({"df": df, "x": x, "cdf": float(stats.chi2.cdf(x, df)),
                        "sf": float(stats.chi2.sf(x, df))})
    quant = []
    for df in [1, 2, 3, 4, 5, 10, 20, 50]:
        for p in [1e-6, 0.025, 0.5, 0.975, 0.999999]:
            quant.append({"df": df, "p": p,
                          "x": float(stats.chi2.ppf(p, df))})
    normal = [{"p": p, "z": float(stats.norm.ppf(p))}
              for p in [1e-12, 1e-4, 0.02, 0.3, 0.5, 0.75, 0.975, 1 - 1e-9]]
    write("special.json", {"gamma": gamma, "beta": beta, "chiSquare": chi,
                           "chiSquareQuantile": quant, "normal": normal})


def mcd_case(name, X, seed, outliers=None):
    m = MinCovDet(random_state=seed).fit(X)
    cut = stats.chi2.ppf(0.975, X.shape[1])
    return {
        "name": name, "rows": X.shape[0], "columns": X.shape[1],
        "data": X.ravel().tolist(),
        "location": m.location_.tolist(),
        "covariance": m.covariance_.ravel().tolist(),
        "rawLocation": m.raw_location_.tolist(),
        "rawCovariance": m.raw_covariance_.ravel().tolist(),
        "distances": m.dist_.tolist(),
        "rawSupport": [int(i) for i in np.where(m.raw_support_)[0]],
        "rawLogDeterminant": float(np.linalg.slogdet(m.raw_covariance_)[1]),
        "flagged": [int(i) for i in np.where(m.dist_ > cut)[0]],
        "plantedOutliers": outliers or [],
    }


def mcd_fixture():
    rng = np.random.default_rng(1999)
    cases = []
    cov3 = np.array([[2.0, 0.6, 0.3], [0.6, 1.0, -0.2], [0.3, -0.2, 0.5]])
    X = rng.multivariate_normal([1.0, -2.0, 0.5], cov3, 300)
    cases.append(mcd_case("gaussian-300x3", X, 0))
    cov4 = np.diag([1.0, 4.0, 0.25, 2.0]) + 0.3
    X = rng.multivariate_normal([0.0, 10.0, -5.0, 2.0], cov4, 1200)
    cases.append(mcd_case("gaussian-1200x4", X, 0))
    X = rng.multivariate_normal([0.0, 0.0], [[1.0, 0.5], [0.5, 1.0]], 200)
    idx = rng.choice(200, 40, replace=False)
    X[idx] = rng.normal([8.0, -8.0], 0.5, (40, 2))
    cases.append(mcd_case("outliers-200x2", X, 0, sorted(idx.tolist())))
    write("mcd.json", {"seed": 1999, "cases": cases})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    ewma_fixture()
    mad_fixture()
    tails_fixture()
    special_fixture()
    mcd_fixture()
