"""Lesson 05's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def questions(*, dtype="int32", shared_embedding=True, shared_pool=True, second_input="question_b"):
    """Two text inputs and an embedding, shared or not, as a learner might write it (05-1)."""
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


def siamese(*, shared=True, second_input="vector_b", normalize=True, nested=False, hidden_units=32,
            output_activation=None):
    """Two vectors through a Dense tower, shared or not, compared by Dot (05-2)."""
    inputs = {name: keras.Input(shape=(64,), name=name) for name in ("vector_a", "vector_b")}
    if nested:
        tower = keras.Sequential(
            [keras.Input(shape=(64,)), layers.Dense(32, activation="relu", name="tower_hidden"),
             layers.Dense(16, name="tower_output")],
            name="tower",
        )
        embedding_a, embedding_b = tower(inputs["vector_a"]), tower(inputs["vector_b"])
    else:
        hidden = layers.Dense(hidden_units, activation="relu", name="tower_hidden")
        output = layers.Dense(16, activation=output_activation, name="tower_output")
        embedding_a = output(hidden(inputs["vector_a"]))
        if not shared:
            hidden = layers.Dense(hidden_units, activation="relu", name="tower_hidden_b")
            output = layers.Dense(16, activation=output_activation, name="tower_output_b")
        embedding_b = output(hidden(inputs[second_input]))
    similarity = layers.Dot(axes=1, normalize=normalize, name="similarity")([embedding_a, embedding_b])
    return keras.Model(inputs, {"similarity": similarity}, name="siamese_variant")


WRONG = [
    # One Embedding per input: the usual way to get "sharing" wrong.
    ("05-1", "two embeddings", lambda: questions(shared_embedding=False),
     "模型里有 2 个 Embedding 层（shared_embedding、embedding_b），各只被调用一次，没有共享"),
    # keras.Input defaults to float32; word ids are integers.
    ("05-1", "float inputs", lambda: questions(dtype="float32"), "输入 'question_a' 的 dtype 应当是 int32（词的编号是整数），实际是 float32"),
    # The second call reuses question_a, so question_b feeds nothing.
    ("05-1", "called on question_a twice", lambda: questions(second_input="question_a"),
     "shared_embedding 的各次调用分别用在了 ['question_a', 'question_a'] 上"),
    ("05-1", "two pooling layers", lambda: questions(shared_pool=False),
     "模型里有 2 个 GlobalAveragePooling1D 层（pool、pool_b），各只被调用一次"),
    # A second set of Dense layers for the second input: two towers, not one.
    ("05-2", "two towers", lambda: siamese(shared=False),
     "Dense 层 ['tower_hidden', 'tower_hidden_b', 'tower_output', 'tower_output_b'] 各只被调用一次：塔没有共享"),
    ("05-2", "called on vector_a twice", lambda: siamese(second_input="vector_a"),
     "tower_hidden 的各次调用分别用在了 ['vector_a', 'vector_a'] 上"),
    # Dot without normalize is a dot product, not a cosine similarity.
    ("05-2", "dot product", lambda: siamese(normalize=False), "similarity 算的是点积，不是余弦相似度"),
    ("05-2", "nested tower", lambda: siamese(nested=True), "塔被包成了嵌套模型 ['tower']"),
    ("05-2", "a narrower hidden layer", lambda: siamese(hidden_units=16), "层 'tower_hidden' 应当有 32 个单元，实际有 16 个"),
    # The statement's tower_output has no activation: its embedding may be negative.
    ("05-2", "relu on the tower's output", lambda: siamese(output_activation="relu"),
     "层 'tower_output' 的激活函数应当是 'linear'，实际是 'relu'"),
]
