"""Lesson 21's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import data

RAW_TRAIN = data.digit_task().x_train * 16


def early_stopping(mistake=None):
    """The 21-1 callback, with one realistic mistake chosen by name."""
    settings = {"monitor": "val_parity_loss", "mode": "min", "patience": 3, "restore_best_weights": True}
    if mistake == "training loss":
        settings["monitor"] = "parity_loss"
    if mistake == "total loss":
        settings["monitor"] = "val_loss"
    if mistake == "output name only":
        settings["monitor"] = "val_parity"
    if mistake == "auto mode":
        del settings["mode"]
    if mistake == "max mode":
        settings["mode"] = "max"
    if mistake == "patience":
        settings["patience"] = 2
    if mistake == "no restore":
        del settings["restore_best_weights"]
    if mistake == "checkpoint":
        return keras.callbacks.ModelCheckpoint("best.keras", monitor="val_parity_loss", mode="min")
    callback = keras.callbacks.EarlyStopping(**settings)
    if mistake == "in a list":
        return [callback]
    return callback


def raw_pixel_model(mistake=None):
    """The 21-2 model, with one realistic mistake chosen by name."""
    pixels = keras.Input(shape=(8, 8, 1), name="image" if mistake == "input name" else "pixels")
    if mistake in ("no preprocessing", "after conv"):
        scaled = pixels
    elif mistake == "1/255":
        scaled = layers.Rescaling(1 / 255, name="scale")(pixels)
    elif mistake == "offset":
        scaled = layers.Rescaling(1 / 16, offset=-0.5, name="scale")(pixels)
    elif mistake in ("not adapted", "adapted on scaled", "adapted on raw"):
        norm = layers.Normalization(name="norm")
        if mistake == "adapted on scaled":
            norm.adapt(RAW_TRAIN / 16)
        if mistake == "adapted on raw":
            norm.adapt(RAW_TRAIN)
        scaled = norm(pixels)
    else:
        scaled = layers.Rescaling(1 / 16, name="scale")(pixels)
    trunk = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(scaled)
    if mistake == "after conv":
        trunk = layers.Rescaling(1 / 16, name="scale")(trunk)
    trunk = layers.Flatten(name="flatten")(trunk)
    trunk = layers.Dense(32 if mistake == "hidden size" else 64, activation="relu", name="hidden")(trunk)
    digit = layers.Dense(10, activation="softmax", name="digit")(trunk)
    parity = layers.Dense(1, activation="sigmoid", name="parity")(trunk)
    return keras.Model(pixels, {"digit": digit, "parity": parity}, name="raw_pixels")


WRONG = [
    ("21-1", "the training loss monitored", lambda: early_stopping("training loss"), "monitor='parity_loss' 是训练集上的损失"),
    ("21-1", "the total val_loss monitored", lambda: early_stopping("total loss"), "monitor='val_loss' 是两个头的损失之和"),
    ("21-1", "val_parity without _loss", lambda: early_stopping("output name only"), "history 里它叫 'val_parity_loss'"),
    ("21-1", "mode left at auto", lambda: early_stopping("auto mode"), "mode 还是默认的 'auto'"),
    ("21-1", "mode max", lambda: early_stopping("max mode"), "mode='max'：损失越小越好"),
    ("21-1", "patience 2", lambda: early_stopping("patience"), "patience 应当是 3"),
    ("21-1", "best weights not restored", lambda: early_stopping("no restore"), "没有 restore_best_weights=True"),
    ("21-1", "a ModelCheckpoint", lambda: early_stopping("checkpoint"), "这是 ModelCheckpoint"),
    ("21-1", "the callback in a list", lambda: early_stopping("in a list"), "答案是一个列表"),
    ("21-2", "no preprocessing", lambda: raw_pixel_model("no preprocessing"), "输入之后直接是卷积层"),
    ("21-2", "Rescaling 1/255", lambda: raw_pixel_model("1/255"), "Rescaling(1/255) 是 0..255 图片的缩放"),
    ("21-2", "Rescaling with an offset", lambda: raw_pixel_model("offset"), "offset=-0.5"),
    ("21-2", "Normalization not adapted", lambda: raw_pixel_model("not adapted"), "Normalization 层没有 adapt 过"),
    ("21-2", "Normalization adapted on scaled images", lambda: raw_pixel_model("adapted on scaled"),
     "在 task.x_train * 16 上 adapt（均值约 4.88）"),
    ("21-2", "Rescaling after conv", lambda: raw_pixel_model("after conv"), "输入之后直接是卷积层"),
    ("21-2", "input named image", lambda: raw_pixel_model("input name"), "模型应当有 1 个输入 ['pixels']"),
    ("21-2", "hidden of 32 units", lambda: raw_pixel_model("hidden size"), "层 'hidden' 应当有 64 个单元"),
]
