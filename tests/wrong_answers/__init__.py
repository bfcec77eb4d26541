"""Realistic wrong answers to each lesson's exercises, one module per lesson (``lessonNN.py``).

Each module has ``WRONG``: a list of ``(exercise id, the mistake in words, a function
that makes the answer, a piece of the message check() must print)``.
``tests/test_exercises.py`` collects every table into one parametrised test; the
lessons' own further tests (``tests/test_exercises_NN.py``) may import the
helpers that make the answers.
"""
