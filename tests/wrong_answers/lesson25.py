"""Lesson 25's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def encoder_decoder(*, encoder="gru", states="h", decoder_reads="bottom", decoder_units=24,
                    decoder_sequences=True, return_state=True):
    """The 25-1 model, with one realistic mistake chosen by an argument."""
    top = keras.Input(shape=(4, 8), name="top")
    bottom = keras.Input(shape=(4, 8), name="bottom")
    if encoder == "lstm":
        # Copied from the lesson's LSTM encoder: three outputs, two states.
        _, h, c = layers.LSTM(24, return_state=True, name="encoder")(top)
        initial_state = [h, c]
    elif return_state:
        output, h = layers.GRU(24, return_state=True, name="encoder")(top)
        initial_state = {"h": [h], "output": [output], "none": None, "h twice": [h, h]}[states]
    else:
        initial_state = [layers.GRU(24, name="encoder")(top)]
    sequence = {"bottom": bottom, "top": top}[decoder_reads]
    decoder = layers.GRU(decoder_units, return_sequences=decoder_sequences, name="decoder")
    decoded = decoder(sequence) if initial_state is None else decoder(sequence, initial_state=initial_state)
    next_rows = layers.Dense(8, activation="sigmoid", name="next_rows")(decoded)
    return keras.Model(inputs=[top, bottom], outputs=next_rows)


def transformer_block(*, first_residual=True, second_from="norm", pre_norm=False, num_heads=4, ff_activation="relu"):
    """The 25-2 model, with one realistic mistake chosen by an argument."""
    rows = keras.Input(shape=(8, 8), name="rows")
    source = layers.LayerNormalization(name="pre_norm")(rows) if pre_norm else rows
    attended = layers.MultiHeadAttention(num_heads=num_heads, key_dim=4, name="attention")(source, source)
    if first_residual:
        x = layers.LayerNormalization(name="norm")(layers.Add(name="residual")([rows, attended]))
    else:
        x = layers.LayerNormalization(name="norm")(attended)
    forward = layers.Dense(8, activation=ff_activation, name="feed_forward")(x)
    skip = {"norm": x, "rows": rows, "attention": attended}[second_from]
    x = layers.LayerNormalization(name="norm_2")(layers.Add(name="residual_2")([skip, forward]))
    return keras.Model(inputs=rows, outputs=x)


def bidirectional(*, masking=True, mask_value=-1.0, wrapped=True, cell="gru", sequences=False, time_steps=None):
    """The 25-3 model, with one realistic mistake chosen by an argument."""
    rows = keras.Input(shape=(time_steps, 8), name="rows")
    x = layers.Masking(mask_value=mask_value, name="padding")(rows) if masking else rows
    recurrent = (layers.GRU if cell == "gru" else layers.LSTM)(12, return_sequences=sequences,
                                                              **({} if wrapped else {"name": "both_ways"}))
    x = layers.Bidirectional(recurrent, name="both_ways")(x) if wrapped else recurrent(x)
    digit = layers.Dense(10, activation="softmax", name="digit")(x)
    return keras.Model(inputs=rows, outputs=digit)


WRONG = [
    ("25-1", "decoder without initial_state", lambda: encoder_decoder(states="none"),
     "decoder 没有收到编码器的状态"),
    ("25-1", "the LSTM encoder's [h, c] copied", lambda: encoder_decoder(encoder="lstm"),
     "层 'encoder' 应当是 GRU，实际是 LSTM"),
    ("25-1", "the same state twice", lambda: encoder_decoder(states="h twice"),
     "GRU 只有一个状态 h"),
    ("25-1", "no return_state", lambda: encoder_decoder(return_state=False),
     "encoder 没有写 return_state=True"),
    ("25-1", "decoder reads top", lambda: encoder_decoder(decoder_reads="top"),
     "decoder 读的序列应当是 bottom，实际是 top"),
    ("25-1", "decoder smaller than the state", lambda: encoder_decoder(decoder_units=16),
     "交给解码器的状态必须与它的 units 一样大"),
    ("25-1", "decoder returns only its last output", lambda: encoder_decoder(decoder_sequences=False),
     "写 return_sequences=True"),
    ("25-2", "no first residual", lambda: transformer_block(first_residual=False),
     "模型里没有残差连接 'residual'"),
    ("25-2", "second residual from the input", lambda: transformer_block(second_from="rows"),
     "层 'residual_2' 的输入应当来自 ['norm', 'feed_forward']，实际来自 ['rows', 'feed_forward']"),
    ("25-2", "second residual from the attention", lambda: transformer_block(second_from="attention"),
     "实际来自 ['attention', 'feed_forward']"),
    ("25-2", "normalised before attention", lambda: transformer_block(pre_norm=True),
     "层 'attention' 的输入应当来自 ['rows', 'rows']，实际来自 ['pre_norm', 'pre_norm']"),
    ("25-2", "two heads", lambda: transformer_block(num_heads=2),
     "attention 应当是 4 个头"),
    ("25-2", "linear feed-forward", lambda: transformer_block(ff_activation=None),
     "'feed_forward' 的激活函数应当是 'relu'"),
    ("25-3", "masking the zeros the lesson padded with", lambda: bidirectional(mask_value=0.0),
     "padding 的 mask_value 是 0.0，而序列补的是 -1"),
    ("25-3", "no Masking", lambda: bidirectional(masking=False),
     "模型里没有 Masking 层 'padding'"),
    ("25-3", "a plain GRU", lambda: bidirectional(wrapped=False),
     "层 'both_ways' 应当是 Bidirectional，实际是 GRU"),
    ("25-3", "an LSTM inside", lambda: bidirectional(cell="lstm"),
     "both_ways 包着的应当是 layers.GRU(12)，实际是 LSTM(12)"),
    ("25-3", "return_sequences inside", lambda: bidirectional(sequences=True),
     "写了 return_sequences=True"),
    ("25-3", "a fixed number of rows", lambda: bidirectional(time_steps=8),
     "输入 'rows' 的形状应当是 (None, 8)（不含批量维度），实际是 (8, 8)"),
]
