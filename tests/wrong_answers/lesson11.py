"""Lesson 11's realistic wrong answers (see ``__init__``)."""

WRONG = [
    ("11-1", "the per-replica batch", lambda: 32, "32 是每个副本的批量"),
    ("11-1", "divided instead of multiplied", lambda: 32 // 4, "除反了"),
    ("11-1", "two replicas, as in the lesson's machine", lambda: 2 * 32, "全局批量 = 副本数 × 每个副本的批量"),
    ("11-1", "a float", lambda: 128.0, "答案应当是一个整数，得到的是 float"),
    ("11-2", "the last, partial batch left out", lambda: 2 * (1347 // 128), "向上取整"),
    ("11-2", "both epochs' samples divided at once, rounded down", lambda: 2 * 1347 // 128, "向上取整"),
    ("11-2", "one step per replica", lambda: 2 * 11 * 4, "不是每个副本一步"),
    ("11-2", "one epoch only", lambda: 11, "是一轮的步数"),
    ("11-2", "one step too many", lambda: 23, "再乘以轮数"),
    ("11-2", "a bool", lambda: True, "答案应当是一个整数，得到的是 bool"),
]
