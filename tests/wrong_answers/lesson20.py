"""Lesson 20's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras

import keras_functional_guide as kfg


def _pixels():
    return keras.Input(shape=(8, 8, 1), name="pixels")


def clone_without_new_input():
    return keras.models.clone_model(kfg.build_nested())


def original_called_on_new_input():
    # Calls the original like a layer: the new model shares every weight with it.
    model = kfg.build_nested()
    pixels = _pixels()
    return keras.Model(pixels, model(pixels))


def dag_cloned_instead():
    return keras.models.clone_model(kfg.build_dag(), input_tensors=_pixels())


def wider_encoder_cloned():
    return keras.models.clone_model(kfg.build_nested(feature_units=32), input_tensors=_pixels())


def rebuilt_without_weights():
    model = kfg.build_nested()
    return model, keras.Model.from_config(model.get_config())


def same_model_twice():
    model = kfg.build_nested()
    return model, model


def rewrapped_original():
    # A new Model object over the same layers: equal weights because they are the same variables.
    model = kfg.build_nested()
    return model, keras.Model(model.input, model.output)


def only_the_rebuilt_model():
    model = kfg.build_nested()
    rebuilt = keras.Model.from_config(model.get_config())
    rebuilt.set_weights(model.get_weights())
    return rebuilt


def weights_of_another_initialisation():
    # Two independent builds of the same network: same architecture, different random weights.
    return kfg.build_nested(), kfg.build_nested()


def original_of_another_network():
    model = kfg.build_dag()
    rebuilt = keras.Model.from_config(model.get_config())
    rebuilt.set_weights(model.get_weights())
    return model, rebuilt


def _relu_to(activation, only=None):
    def clone_function(layer):
        config = layer.get_config()
        if config.get("activation") == "relu" and (only is None or layer.name == only):
            config["activation"] = activation
        return layer.__class__.from_config(config)

    return clone_function


def not_recursive():
    return keras.models.clone_model(kfg.build_nested(), clone_function=_relu_to("tanh"))


def only_features():
    return keras.models.clone_model(kfg.build_nested(), clone_function=_relu_to("tanh", only="features"), recursive=True)


def every_activation_to_tanh():
    def clone_function(layer):
        config = layer.get_config()
        if "activation" in config:
            config["activation"] = "tanh"
        return layer.__class__.from_config(config)

    return keras.models.clone_model(kfg.build_nested(), clone_function=clone_function, recursive=True)


def sigmoid_instead():
    return keras.models.clone_model(kfg.build_nested(), clone_function=_relu_to("sigmoid"), recursive=True)


WRONG = [
    ("20-1", "cloned without a new input", clone_without_new_input, "输入还叫 'image'"),
    ("20-1", "the original called on the new input", original_called_on_new_input, "你把原模型当作一个层调用在新输入上"),
    ("20-1", "another network cloned", dag_cloned_instead, "模型里找不到名为 'encoder' 的层"),
    ("20-1", "an encoder of another width", wider_encoder_cloned, "参数总数应当是 66,410"),
    ("20-2", "rebuilt without copying the weights", rebuilt_without_weights, "权重是新初始化的"),
    ("20-2", "the same model twice", same_model_twice, "两个元素是同一个模型对象"),
    ("20-2", "the original re-wrapped", rewrapped_original, "共用权重变量"),
    ("20-2", "only the rebuilt model", only_the_rebuilt_model, "答案只有一个模型"),
    ("20-2", "two independent builds", weights_of_another_initialisation, "权重是新初始化的"),
    ("20-2", "another network as the original", original_of_another_network, "第一个元素应当是 kfg.build_nested()"),
    ("20-3", "clone_function without recursive=True", not_recursive, "recursive=True"),
    ("20-3", "only features changed", only_features, "'conv' 的激活函数应当是 'tanh'，实际是 'relu'"),
    ("20-3", "every activation changed", every_activation_to_tanh, "digit 的激活函数应当仍是 'softmax'，实际是 'tanh'"),
    ("20-3", "sigmoid instead of tanh", sigmoid_instead, "实际是 'sigmoid'"),
]
