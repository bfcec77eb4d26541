"""Exercises of lesson 25 (延伸：序列、循环层与注意力), posed in ``notebooks/25_sequences_attention.ipynb``.

25-1 wires a GRU encoder's state into a GRU decoder (``return_state``, ``initial_state=``);
25-2 is a transformer block's two residual connections; 25-3 a bidirectional GRU over
sequences padded with -1 (``Masking``).
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import graph
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_dense,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    functional_model,
    layer,
)

LESSON = "25_sequences_attention.ipynb"


def _connections(model, name):
    """The tensors that feed layer ``name`` (its first call): ``(layer name, output index)`` pairs, in
    call order; ``("encoder", 1)`` is the encoder's second output (its state h)."""
    info = next(each for each in graph.describe_network(model) if each.name == name)
    pairs = []
    for connection in info.calls[0]:
        source, rest = connection.split("[", 1)
        pairs.append((source, int(rest.rsplit("[", 1)[1].rstrip("]"))))
    return pairs


def _names(model):
    return [each.name for each in model.layers]


class EncoderDecoderState(Exercise):
    """25-1: a GRU encoder hands its final state to a GRU decoder (return_state, initial_state=)."""

    id = "25-1"
    hint = ("_, h = layers.GRU(24, return_state=True, name=\"encoder\")(top)，"
            "再写 layers.GRU(24, return_sequences=True, name=\"decoder\")(bottom, initial_state=[h])：GRU 只有一个状态")

    @staticmethod
    def solution():
        top = keras.Input(shape=(4, 8), name="top")
        bottom = keras.Input(shape=(4, 8), name="bottom")
        _, h = layers.GRU(24, return_state=True, name="encoder")(top)           # GRU 返回 (输出, h)
        decoded = layers.GRU(24, return_sequences=True, name="decoder")(bottom, initial_state=[h])
        next_rows = layers.Dense(8, activation="sigmoid", name="next_rows")(decoded)
        return keras.Model(inputs=[top, bottom], outputs=next_rows, name="gru_encoder_decoder")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"top": (4, 8), "bottom": (4, 8)})
        if "encoder" not in _names(model) and "decoder" in _names(model):
            # An encoder whose state nobody takes is not connected to the output, so not in the model.
            raise Wrong("模型里没有 encoder：decoder 没有收到编码器的状态，编码器就没有连到输出上；"
                        "调用时写 decoder(bottom, initial_state=[h])")
        encoder = layer(model, "encoder", layers.GRU)
        decoder = layer(model, "decoder", layers.GRU)
        if not encoder.return_state:
            raise Wrong("encoder 没有写 return_state=True：写 _, h = layers.GRU(24, return_state=True, "
                        "name=\"encoder\")(top)，拿到它最后的状态 h")
        if (encoder.units, decoder.units) != (24, 24):
            raise Wrong(f"encoder 和 decoder 都应当是 24 个单元，实际是 {encoder.units} 和 {decoder.units}："
                        "交给解码器的状态必须与它的 units 一样大")
        expect_inbound(model, "encoder", ["top"])
        connections = _connections(model, "decoder")
        if connections[0][0] != "bottom":
            raise Wrong(f"decoder 读的序列应当是 bottom，实际是 {connections[0][0]}：解码器接着编码器往下读下面 4 行")
        states = connections[1:]
        if not states:
            raise Wrong("decoder 没有收到编码器的状态，它是从全 0 的状态开始读的："
                        "调用时写 decoder(bottom, initial_state=[h])")
        if len(states) > 1:
            raise Wrong(f"decoder 收到了 {len(states)} 个状态：GRU 只有一个状态 h，initial_state 只给 [h]"
                        "（Keras 3.15 不会报错，多给的状态被悄悄丢掉）")
        source, index = states[0]
        is_h = index == 1 or (index == 0 and not encoder.return_sequences)
        if source != "encoder" or not is_h:
            raise Wrong(f"decoder 的初始状态应当是 encoder 最后的状态 h（它的第 2 个输出），实际是 {source} 的第 {index + 1} 个输出："
                        "写 _, h = encoder(...)，再 initial_state=[h]")
        if not decoder.return_sequences:
            raise Wrong("decoder 只返回最后一步的输出：写 return_sequences=True，next_rows 才能给下面 4 行每行一个输出")
        expect_dense(model, "next_rows", 8, "sigmoid")
        expect_inbound(model, "next_rows", ["decoder"])
        expect_outputs(model, {"next_rows": (4, 8)})
        return "encoder 读 top，用 return_state 交出状态 h；decoder 从 h 开始读 bottom，每一步输出 8 个像素"


_BLOCK = (
    ("attention", layers.MultiHeadAttention, ["rows", "rows"]),
    ("residual", layers.Add, ["rows", "attention"]),
    ("norm", layers.LayerNormalization, ["residual"]),
    ("feed_forward", layers.Dense, ["norm"]),
    ("residual_2", layers.Add, ["norm", "feed_forward"]),
    ("norm_2", layers.LayerNormalization, ["residual_2"]),
)


class TransformerBlock(Exercise):
    """25-2: a transformer block's two residual connections, each followed by LayerNormalization."""

    id = "25-2"
    hint = ("attended = mha(rows, rows)；x = LayerNormalization(name=\"norm\")(Add(name=\"residual\")([rows, attended]))；"
            "再 LayerNormalization(name=\"norm_2\")(Add(name=\"residual_2\")([x, Dense(8, relu)(x)]))")

    @staticmethod
    def solution():
        rows = keras.Input(shape=(8, 8), name="rows")
        attended = layers.MultiHeadAttention(num_heads=4, key_dim=4, name="attention")(rows, rows)
        x = layers.Add(name="residual")([rows, attended])
        x = layers.LayerNormalization(name="norm")(x)
        forward = layers.Dense(8, activation="relu", name="feed_forward")(x)
        x = layers.Add(name="residual_2")([x, forward])
        x = layers.LayerNormalization(name="norm_2")(x)
        return keras.Model(inputs=rows, outputs=x, name="transformer_block")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"rows": (8, 8)})
        for name, after in (("residual", "注意力的输出要先与 rows 相加：layers.Add(name=\"residual\")([rows, attended])"),
                            ("residual_2", "前馈层的输出要与它的输入 norm 相加：layers.Add(name=\"residual_2\")([x, forward])")):
            if name not in _names(model):
                raise Wrong(f"模型里没有残差连接 {name!r}：{after}，再做 LayerNormalization")
        attention = layer(model, "attention", layers.MultiHeadAttention)
        if (attention.num_heads, attention.key_dim) != (4, 4):
            raise Wrong(f"attention 应当是 4 个头、每个头 key_dim=4，实际是 {attention.num_heads} 个头、key_dim={attention.key_dim}")
        for name, layer_class, sources in _BLOCK:
            layer(model, name, layer_class)
            expect_inbound(model, name, sources)
        expect_dense(model, "feed_forward", 8, "relu")
        expect_outputs(model, {"norm_2": (8, 8)})
        return "自注意力 (rows, rows) → residual → norm → feed_forward → residual_2 → norm_2：两处残差连接都接对了"


class BidirectionalMasked(Exercise):
    """25-3: a bidirectional GRU over sequences of any length, padded with -1 and masked."""

    id = "25-3"
    hint = ("rows = keras.Input(shape=(None, 8), name=\"rows\")；layers.Masking(mask_value=-1.0, name=\"padding\")；"
            "layers.Bidirectional(layers.GRU(12), name=\"both_ways\")；它的输出是 2 × 12 = 24 维")

    @staticmethod
    def solution():
        rows = keras.Input(shape=(None, 8), name="rows")                  # 行数不定
        masked = layers.Masking(mask_value=-1.0, name="padding")(rows)    # 补的是 -1
        both_ways = layers.Bidirectional(layers.GRU(12), name="both_ways")(masked)
        digit = layers.Dense(10, activation="softmax", name="digit")(both_ways)
        return keras.Model(inputs=rows, outputs=digit, name="bidirectional_gru")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"rows": (None, 8)})
        if "padding" not in _names(model):
            raise Wrong("模型里没有 Masking 层 'padding'：没有掩码，GRU 会把补的 -1 也当成真的行读进去；"
                        "在 rows 后面接 layers.Masking(mask_value=-1.0, name=\"padding\")")
        padding = layer(model, "padding", layers.Masking)
        if padding.mask_value != -1.0:
            raise Wrong(f"padding 的 mask_value 是 {padding.mask_value}，而序列补的是 -1：写 mask_value=-1.0"
                        "（mask_value 要等于补的值，不然补的行不会被跳过）")
        expect_inbound(model, "padding", ["rows"])
        both_ways = layer(model, "both_ways", layers.Bidirectional)
        inner = both_ways.forward_layer
        if not isinstance(inner, layers.GRU) or inner.units != 12:
            raise Wrong(f"both_ways 包着的应当是 layers.GRU(12)，实际是 {type(inner).__name__}({getattr(inner, 'units', '?')})")
        if inner.return_sequences:
            raise Wrong("both_ways 里的 GRU 写了 return_sequences=True：分类只要最后的输出，去掉它")
        # The mask is a second input of both_ways in the graph (Keras 3.15 computes it with ops: "any").
        fed_by = _connections(model, "both_ways")[0][0]
        if fed_by != "padding":
            raise Wrong(f"both_ways 读的应当是 padding 的输出，实际是 {fed_by}：在 Masking 之后调用 Bidirectional")
        expect_dense(model, "digit", 10, "softmax")
        expect_inbound(model, "digit", ["both_ways"])
        expect_outputs(model, {"digit": (10,)})
        size = both_ways.output.shape[-1]
        return f"Masking(-1.0) → Bidirectional(GRU(12))：两个方向的输出拼接成 {size} 维，再接 10 类的 digit"
