"""Bootstrap intervals and tests of change for the segregation indices, all draws at once.

PySAL's `SingleValueTest(null_approach="bootstrap")` and `TwoValueTest(null_approach="random_label")`
refit an index object per draw (seconds per index). These functions draw the same resamples and
label permutations from NumPy's global generator, in the same order, and compute every draw in one
array operation; tests/test_inference.py checks that they reproduce PySAL's simulated values. The
point statistics themselves still come from PySAL's index objects.
"""

from functools import lru_cache

import numpy as np


@lru_cache(maxsize=256)
def bootstrap_indices(n, iterations, seed):
    """Row indices of `iterations` resamples of n units with replacement (PySAL's sequence). The draws
    depend only on n: every map with as many areas shares them (read-only)."""
    np.random.seed(seed)
    draws = np.stack([np.random.choice(np.arange(n), size=n, replace=True) for _ in range(iterations)])
    draws.flags.writeable = False
    return draws


@lru_cache(maxsize=256)
def permuted_labels(n_first, n_second, iterations, seed):
    """`iterations` permutations of the year labels (1, then 2) of the pooled units, as PySAL's
    random_label draws them: each a shuffle of the one before (it shuffles one shared frame in place)."""
    np.random.seed(seed)
    draws, current = [], np.array([1] * n_first + [2] * n_second)
    for _ in range(iterations):
        current = np.random.permutation(current)
        draws.append(current)
    draws = np.stack(draws)
    draws.flags.writeable = False
    return draws


def _safe_share(x, t):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(t == 0, 0.0, x / t)


def dissim(x, t, weight=None):
    """Dissimilarity per row of x and t (draws × units); `weight` masks units out (random label)."""
    m = np.ones_like(t) if weight is None else weight
    T = (m * t).sum(axis=-1, keepdims=True)
    P = (m * x).sum(axis=-1, keepdims=True) / T
    pi = _safe_share(x, t)
    return ((m * t * np.abs(pi - P)) / (2 * T * P * (1 - P))).sum(axis=-1)


def isolation(x, t, weight=None):
    m = np.ones_like(t) if weight is None else weight
    X = (m * x).sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nansum(m * (x / X) * (x / t), axis=-1)


def information_theory(counts, weight=None):
    """Theil's H (PySAL MultiInfoTheory) per draw; counts: draws × units × groups."""
    m = np.ones(counts.shape[:-1]) if weight is None else weight
    c = counts * m[..., None]
    T = c.sum(axis=(-1, -2))
    ti = c.sum(axis=-1)
    Pk = c.sum(axis=-2) / T[..., None]
    E = (Pk * np.log(1 / Pk)).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        pik = c / ti[..., None]
        terms = ti[..., None] * pik * np.log(pik / Pk[..., None, :])
    return np.nansum(terms, axis=(-1, -2)) / (T * E)


def spatial_dissim(x, t, contiguity, rows):
    """Morrill's spatial dissimilarity of resampled units. A resample holds some units twice; as in
    PySAL (Queen contiguity rebuilt on the resampled map), copies of one unit are each other's
    neighbours and inherit its neighbours. contiguity: units × units 0/1; rows: draws × units."""
    c = contiguity[rows[:, :, None], rows[:, None, :]].astype(float)
    same = rows[:, :, None] == rows[:, None, :]
    c = np.where(same, 1.0, c)
    n = rows.shape[1]
    c[:, np.arange(n), np.arange(n)] = 0.0
    pi = _safe_share(x, t)
    spread = np.abs(pi[:, :, None] - pi[:, None, :])
    return dissim(x, t) - (spread * c).sum(axis=(1, 2)) / c.sum(axis=(1, 2))


def interval(draws):
    draws = draws[np.isfinite(draws)]
    return float(np.percentile(draws, 2.5)), float(np.percentile(draws, 97.5))


def two_tailed_p(observed, null):
    """PySAL's two-tailed p-value of a difference against its random-label distribution."""
    null = null[np.isfinite(null)]
    return 2 * min((observed < null).sum(), (observed > null).sum()) / len(null)
