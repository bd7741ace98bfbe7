"""Prints the reference values hard-coded in NumpyLegacyRandomTest and StratifiedSplitTest.

Run once with python3 + numpy (2.x was used); nothing runs it during the build. The stratified
split below follows scikit-learn's StratifiedShuffleSplit._iter_indices and _approximate_mode
(sklearn/model_selection/_split.py, sklearn/utils/extmath.py) step for step, on numpy's own
RandomState, since scikit-learn itself is not installed on our machines.
"""
import hashlib
from math import ceil

import numpy as np


def approximate_mode(class_counts, n_draws, rng):
    continuous = class_counts / class_counts.sum() * n_draws
    floored = np.floor(continuous)
    need_to_add = int(n_draws - floored.sum())
    if need_to_add > 0:
        remainder = continuous - floored
        values = np.sort(np.unique(remainder))[::-1]
        for value in values:
            (inds,) = np.where(remainder == value)
            add_now = min(len(inds), need_to_add)
            inds = rng.choice(inds, size=add_now, replace=False)
            floored[inds] += 1
            need_to_add -= add_now
            if need_to_add == 0:
                break
    return floored.astype(int)


def stratified_train_test(y, test_size, seed):
    y = np.asarray(y)
    n_test = ceil(test_size * len(y))
    n_train = len(y) - n_test
    classes, y_indices = np.unique(y, return_inverse=True)
    class_counts = np.bincount(y_indices)
    class_indices = np.split(np.argsort(y_indices, kind="mergesort"), np.cumsum(class_counts)[:-1])
    rng = np.random.RandomState(seed)
    n_i = approximate_mode(class_counts, n_train, rng)
    t_i = approximate_mode(class_counts - n_i, n_test, rng)
    train, test = [], []
    for i in range(len(classes)):
        perm = class_indices[i].take(rng.permutation(class_counts[i]), mode="clip")
        train.extend(perm[: n_i[i]])
        test.extend(perm[n_i[i] : n_i[i] + t_i[i]])
    return rng.permutation(train).tolist(), rng.permutation(test).tolist()


rng = np.random.RandomState(113)
print("raw uint32, seed 113:", rng.randint(0, 2**32 - 1, size=5, dtype=np.uint32).tolist())
print("permutation(10), seed 1:", np.random.RandomState(1).permutation(10).tolist())
idx = np.arange(20640)
np.random.RandomState(113).shuffle(idx)
print("california shuffle, first 5:", idx[:5].tolist(), "last 3:", idx[-3:].tolist(),
      "train count:", int(len(idx) * (1 - 0.2)),
      "sha256 of int32 LE:", hashlib.sha256(idx.astype("<i4").tobytes()).hexdigest())
iris = [0] * 50 + [1] * 50 + [2] * 50
for seed in (0, 42):
    tr, te = stratified_train_test(iris, 0.2, seed)
    print("iris seed", seed, "val:", te, "train[:10]:", tr[:10])
uneven = [2, 0, 1, 0, 3, 1, 0, 2, 0, 1, 3, 0, 1, 0, 2, 1, 0]
print("uneven seed 7, 0.3:", stratified_train_test(uneven, 0.3, 7))
