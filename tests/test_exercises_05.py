"""Lesson 05's exercises: realistic wrong answers fail with the hint meant for them."""

import pytest
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises import check, solution


def questions(*, dtype="int32", shared_embedding=True, shared_pool=True, second_input="question_b"):
    """Two text inputs and an embedding, shared or not, as a learner might write it."""
    inputs = {name: keras.Input(shape=(20,), dtype=dtype, name=name) for name in ("question_a", "question_b")}
    embed = layers.Embedding(1000, 16, name="shared_embedding")
    embed_b = embed if shared_embedding else layers.Embedding(1000, 16, name="embedding_b")
    pool = layers.GlobalAveragePooling1D(name="pool")
    pool_b = pool if shared_pool else layers.GlobalAveragePooling1D(name="pool_b")
    vector_a = pool(embed(inputs["question_a"]))
    vector_b = pool_b(embed_b(inputs[second_input]))
    merged = layers.Concatenate(name="merged")([vector_a, vector_b])
    duplicate = layers.Dense(1, activation="sigmoid", name="duplicate")(merged)
    return keras.Model(inputs, {"duplicate": duplicate}, name="questions_variant")


def siamese(*, shared=True, second_input="vector_b", normalize=True, nested=False):
    """Two vectors through a Dense tower, shared or not, compared by Dot."""
    inputs = {name: keras.Input(shape=(64,), name=name) for name in ("vector_a", "vector_b")}
    if nested:
        tower = keras.Sequential(
            [keras.Input(shape=(64,)), layers.Dense(32, activation="relu", name="tower_hidden"),
             layers.Dense(16, name="tower_output")],
            name="tower",
        )
        embedding_a, embedding_b = tower(inputs["vector_a"]), tower(inputs["vector_b"])
    else:
        hidden = layers.Dense(32, activation="relu", name="tower_hidden")
        output = layers.Dense(16, name="tower_output")
        embedding_a = output(hidden(inputs["vector_a"]))
        if not shared:
            hidden = layers.Dense(32, activation="relu", name="tower_hidden_b")
            output = layers.Dense(16, name="tower_output_b")
        embedding_b = output(hidden(inputs[second_input]))
    similarity = layers.Dot(axes=1, normalize=normalize, name="similarity")([embedding_a, embedding_b])
    return keras.Model(inputs, {"similarity": similarity}, name="siamese_variant")


WRONG = {
    "05-1": [
        # One Embedding per input: the usual way to get "sharing" wrong.
        ("two embeddings", lambda: questions(shared_embedding=False),
         "模型里有 2 个 Embedding 层（shared_embedding、embedding_b），各只被调用一次，没有共享"),
        # keras.Input defaults to float32; word ids are integers.
        ("float inputs", lambda: questions(dtype="float32"),
         "输入 'question_a' 的类型是 float32：词的编号是整数"),
        # The second call reuses question_a, so question_b feeds nothing.
        ("called on question_a twice", lambda: questions(second_input="question_a"),
         "shared_embedding 的两次调用分别用在了 ['question_a', 'question_a'] 上"),
        ("two pooling layers", lambda: questions(shared_pool=False),
         "模型里有 2 个 GlobalAveragePooling1D 层（pool、pool_b），各只被调用一次"),
    ],
    "05-2": [
        # A second set of Dense layers for the second input: two towers, not one.
        ("two towers", lambda: siamese(shared=False),
         "Dense 层 ['tower_hidden', 'tower_hidden_b', 'tower_output', 'tower_output_b'] 各只被调用一次：塔没有共享"),
        ("called on vector_a twice", lambda: siamese(second_input="vector_a"),
         "tower_hidden 的两次调用分别用在了 ['vector_a', 'vector_a'] 上"),
        # Dot without normalize is a dot product, not a cosine similarity.
        ("dot product", lambda: siamese(normalize=False),
         "similarity 算的是点积，不是余弦相似度"),
        ("nested tower", lambda: siamese(nested=True),
         "塔被包成了嵌套模型 ['tower']"),
    ],
}

CASES = [(exercise_id, *case) for exercise_id, cases in WRONG.items() for case in cases]


@pytest.mark.parametrize(
    ("exercise_id", "label", "build", "expected"), CASES, ids=[f"{case[0]}-{case[1]}" for case in CASES]
)
def test_wrong_answer_fails_with_its_hint(exercise_id, label, build, expected, rejected):
    line = rejected(exercise_id, build())
    assert expected in line, line
    assert line.count("\n") == 1, line


def test_the_right_variants_pass(capsys):
    """The test's own builders, asked for the right answer, pass: each wrong case differs in one thing."""
    assert check("05-1", questions())
    assert check("05-2", siamese())
    assert capsys.readouterr().out.count("✓") == 2


def test_shared_embedding_has_one_table_of_weights():
    model = solution("05-1")
    assert model.get_layer("shared_embedding").count_params() == 1000 * 16
    # One table, shared: the unshared version holds two.
    assert model.count_params() == 1000 * 16 + (2 * 16 + 1)
    assert questions(shared_embedding=False).count_params() == 2 * 1000 * 16 + (2 * 16 + 1)


def test_siamese_solution_is_symmetric_and_counts_one_tower():
    import numpy as np

    model = solution("05-2")
    assert model.count_params() == (64 * 32 + 32) + (32 * 16 + 16)
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(4, 64)).astype("float32"), rng.normal(size=(4, 64)).astype("float32")
    forward = keras.ops.convert_to_numpy(model({"vector_a": a, "vector_b": b})["similarity"])
    backward = keras.ops.convert_to_numpy(model({"vector_a": b, "vector_b": a})["similarity"])
    np.testing.assert_allclose(forward, backward, atol=1e-6)
    assert np.all(np.abs(forward) <= 1 + 1e-6)
