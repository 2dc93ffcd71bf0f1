"""The numbered parts of the registry's papers that the pages cite, and what each is about.

A page's "Section 3.3" or "表 2" is a structural number; it is right only if that part of that
paper says what the sentence citing it says. ``PARTS`` holds, for each paper of the registry and
each other paper whose parts a page cites (by first author and year), its sections, tables, figures and equations as the paper numbers
them, each with its title (or a short description, for tables and figures) and the words, in
English and Chinese, that name its topic. ``tests/docs_numbers.py`` requires a reference to such
a part to name one of those words in its sentence: "LRN (Section 3.3)" holds, "LRN (Section 3.5)"
does not, and neither does a part the paper does not have.

Sources: the papers themselves, at the links of ``cnnref.models.model_info(name).paper.url`` and
of the pages' references.
"""

from __future__ import annotations

import re

Part = tuple[str, tuple[str, ...]]  # (title, the words that name its topic: regex, case-insensitive)

PARTS: dict[str, dict[str, Part]] = {
    # Krizhevsky, Sutskever & Hinton 2012, "ImageNet Classification with Deep Convolutional Neural Networks"
    "Krizhevsky 2012": {
        "Section 1": ("Introduction", (r"introduction", r"引言", r"fewer", r"少")),
        "Section 2": ("The Dataset", (r"dataset", r"数据集", r"ILSVRC")),
        "Section 3": ("The Architecture", (r"architecture", r"网络结构")),
        "Section 3.1": ("ReLU Nonlinearity", (r"ReLU", r"tanh", r"saturat", r"饱和")),
        "Section 3.2": ("Training on Multiple GPUs", (r"GPU",)),
        "Section 3.3": ("Local Response Normalization", (r"normali[sz]", r"LRN", r"归一化")),
        "Section 3.4": ("Overlapping Pooling", (r"overlap", r"重叠")),
        "Section 3.5": ("Overall Architecture", (r"convolutional layer", r"fully[- ]connected", r"kernel", r"input",
                                                 r"卷积层", r"全连接层", r"卷积核", r"输入", r"conv[1-5]\b")),
        "Section 4": ("Reducing Overfitting", (r"overfitting", r"过拟合", r"parameters", r"参数")),
        "Section 4.1": ("Data Augmentation", (r"augment", r"增强")),
        "Section 4.2": ("Dropout", (r"dropout", r"丢弃法", r"置零", r"zero")),
        "Section 5": ("Details of learning", (r"days", r"天", r"momentum", r"weight decay", r"learning rate", r"学习率")),
        "Section 6": ("Results", (r"ILSVRC", r"second", r"第二名", r"error", r"错误率")),
        "Section 7": ("Discussion", (r"discussion", r"depth", r"深度")),
        "Table 1": ("results on the ILSVRC-2010 test set", (r"ILSVRC-2010", r"top-1 and top-5", r"top-1 和 top-5")),
        "Table 2": ("error rates on the ILSVRC-2012 validation and test sets", (r"ILSVRC-2012", r"validation", r"验证集")),
        "Figure 1": ("a four-layer network with ReLUs against tanh units on CIFAR-10", (r"tanh", r"ReLU", r"CIFAR")),
        "Figure 2": ("the architecture, split over two GPUs", (r"input", r"输入", r"feature[- ]map", r"\bmaps\b", r"特征图",
                                                              r"convolutional layer", r"卷积层")),
        "Figure 3": ("the 96 kernels learned by the first layer", (r"learned", r"学到")),
        "Figure 4": ("eight test images with the top-5 labels, and retrieval", (r"test images", r"测试图像")),
    },
    # Simonyan & Zisserman 2015, "Very Deep Convolutional Networks for Large-Scale Image Recognition"
    "Simonyan 2015": {
        "Section 1": ("Introduction", (r"ILSVRC-2014", r"localisation", r"定位")),
        "Section 2": ("ConvNet Configurations", (r"configuration", r"配置")),
        "Section 2.1": ("Architecture", (r"input", r"输入", r"pool", r"池化", r"LRN", r"normali[sz]", r"归一化",
                                         r"3×3 convolution", r"3×3 卷积")),
        "Section 2.2": ("Configurations", (r"configuration", r"配置", r"width", r"宽度")),
        "Section 2.3": ("Discussion", (r"receptive field", r"感受野", r"5×5", r"7×7", r"non-?linear", r"非线性",
                                       r"weights", r"权重")),
        "Section 3": ("Classification Framework", (r"training", r"训练", r"testing", r"测试")),
        "Section 3.1": ("Training", (r"dropout", r"丢弃法", r"initiali[sz]", r"初始化", r"Glorot", r"momentum")),
        "Section 3.2": ("Testing", (r"fully[- ]convolutional", r"全卷积", r"conv\. layer", r"卷积层")),
        "Section 3.3": ("Implementation Details", (r"GPU", r"Caffe")),
        "Section 4": ("Classification Experiments", (r"experiment", r"实验")),
        "Section 4.1": ("Single Scale Evaluation", (r"single[- ]scale", r"单尺度", r"LRN", r"normali[sz]", r"归一化",
                                                    r"depth", r"深度", r"improv", r"better", r"好")),
        "Section 4.2": ("Multi-Scale Evaluation", (r"multi-scale", r"多尺度")),
        "Section 4.3": ("Multi-Crop Evaluation", (r"multi-crop", r"多裁剪")),
        "Section 4.4": ("ConvNet Fusion", (r"fusion", r"融合", r"ensemble", r"集成")),
        "Section 4.5": ("Comparison with the State of the Art", (r"state of the art", r"最先进")),
        "Section 5": ("Conclusion", (r"conclusion", r"结论")),
        "Table 1": ("ConvNet configurations", (r"configuration", r"配置", r"CONFIGS", r"architecture", r"网络结构",
                                               r"weight layers", r"权重层")),
        "Table 2": ("number of parameters", (r"parameters", r"参数")),
        "Table 3": ("single-scale test performance", (r"single[- ]scale", r"单尺度")),
        "Table 4": ("multi-scale test performance", (r"multi-scale", r"多尺度")),
        "Table 5": ("multi-crop and dense evaluation", (r"multi-crop", r"多裁剪", r"dense", r"密集")),
        "Table 6": ("multiple ConvNet fusion", (r"fusion", r"融合", r"ensemble", r"集成")),
        "Table 7": ("comparison with the state of the art in ILSVRC classification",
                    (r"state of the art", r"single network", r"network alone", r"单个网络", r"ILSVRC")),
    },
    # Szegedy et al. 2015, "Going Deeper with Convolutions"
    "Szegedy 2015": {
        "Section 1": ("Introduction", (r"budget", r"预算", r"fewer", r"少", r"multiply-adds", r"乘加")),
        "Section 2": ("Related Work", (r"1×1", r"Network[- ]in[- ]Network", r"NiN", r"related", r"相关")),
        "Section 3": ("Motivation and High Level Considerations", (r"sparse", r"稀疏", r"motivation", r"动机")),
        "Section 4": ("Architectural Details", (r"ReLU", r"1×1", r"reduction", r"降维", r"inception module", r"Inception 模块")),
        "Section 5": ("GoogLeNet", (r"GoogLeNet", r"googlenet_paper", r"auxiliary", r"辅助", r"classifier", r"分类器",
                                    r"layers", r"层", r"1×1")),
        "Section 6": ("Training Methodology", (r"DistBelief", r"Polyak", r"SGD", r"momentum")),
        "Section 7": ("ILSVRC 2014 Classification Challenge Setup and Results", (r"crops?", r"裁剪", r"ensemble", r"集成")),
        "Section 8": ("ILSVRC 2014 Detection Challenge Setup and Results", (r"detection", r"检测")),
        "Section 9": ("Conclusions", (r"conclusion", r"结论")),
        "Table 1": ("GoogLeNet incarnation of the Inception architecture",
                    (r"output size", r"输出尺寸", r"params", r"ops", r"parameters", r"参数", r"operations", r"运算", r"\brows?\b", r"各行", r"stem", r"起始层", r"reduce", r"#1×1", r"max pool",
                     r"最大池化", r"channel", r"通道", r"network", r"网络", r"TABLE1", r"112 → 56", r"inception", r"module",
                     r"模块", r"pool", r"池化")),
        "Table 2": ("classification performance", (r"ensemble", r"集成", r"top-5", r"ILSVRC")),
        "Table 3": ("GoogLeNet classification performance break down (models and crops)",
                    (r"single model", r"单个模型", r"crop", r"裁剪", r"validation", r"验证集")),
        "Table 4": ("detection performance", (r"detection", r"检测")),
        "Table 5": ("single model performance for detection", (r"detection", r"检测")),
        "Figure 1": ("two distinct classes from the 1000 classes of ILSVRC 2014", (r"class", r"类别")),
        "Figure 2": ("Inception module, (a) naive version, (b) with dimension reductions",
                     (r"inception", r"module", r"模块", r"naive", r"朴素", r"branch", r"分支", r"average pool", r"平均池化")),
        "Figure 3": ("GoogLeNet network with all the bells and whistles",
                     (r"normali[sz]", r"归一化", r"stem", r"起始层", r"what the table", r"表中没有", r"network", r"网络")),
    },
    # He, Zhang, Ren & Sun 2016, "Deep Residual Learning for Image Recognition"
    "He 2016": {
        "Section 1": ("Introduction", (r"degradation", r"退化")),
        "Section 2": ("Related Work", (r"related", r"相关")),
        "Section 3": ("Deep Residual Learning", (r"residual", r"残差")),
        "Section 3.1": ("Residual Learning", (r"residual", r"残差")),
        "Section 3.2": ("Identity Mapping by Shortcuts", (r"shortcut", r"捷径", r"identity", r"恒等")),
        "Section 3.3": ("Network Architectures", (r"FLOPs", r"plain", r"普通")),
        "Section 3.4": ("Implementation", (r"batch normali[sz]ation", r"批量归一化", r"augment", r"增强")),
        "Section 4": ("Experiments", (r"experiment", r"实验")),
        "Section 4.1": ("ImageNet Classification", (r"shortcut", r"捷径", r"projection", r"bottleneck", r"瓶颈",
                                                    r"ResNet-50", r"vanishing", r"梯度", r"plain", r"普通", r"1×1")),
        "Section 4.2": ("CIFAR-10 and Analysis", (r"CIFAR",)),
        "Section 4.3": ("Object Detection on PASCAL and MS COCO", (r"detection", r"检测", r"COCO")),
        "Equation 1": ("y = F(x, {W_i}) + x", (r"F\(x", r"shortcut", r"捷径")),
        "Equation 2": ("y = F(x, {W_i}) + W_s x", (r"projection", r"投影", r"W_s")),
        "Table 1": ("architectures for ImageNet",
                    (r"ImageNet", r"FLOPs", r"MACs", r"乘加", r"compute", r"计算量", r"stem", r"起始层", r"head", r"输出头",
                     r"pool", r"池化", r"conv1", r"networks", r"网络")),
        "Table 2": ("top-1 error, 10-crop testing: plain networks against ResNets",
                    (r"plain.*(?:ResNet|residual|shortcut)|(?:ResNet|residual|shortcut).*plain",
                     r"普通.*(?:残差|捷径)|(?:残差|捷径).*普通", r"10-crop")),
        "Table 3": ("error rates, 10-crop testing, on ImageNet validation: shortcut options A, B, C",
                    (r"option", r"选项", r"[(（][ABC][)）]")),
        "Table 4": ("error rates of single-model results on the ImageNet validation set", (r"single", r"单个", r"multi-scale", r"多尺度")),
        "Table 5": ("error rates of ensembles", (r"ensemble", r"集成")),
        "Table 6": ("classification error on the CIFAR-10 test set", (r"CIFAR", r"parameters", r"参数量")),
        "Table 7": ("object detection mAP on PASCAL VOC", (r"PASCAL", r"detection", r"检测")),
        "Figure 1": ("training and test error of 20-layer and 56-layer plain networks on CIFAR-10", (r"CIFAR",)),
        "Figure 2": ("residual learning: a building block", (r"block", r"块", r"shortcut", r"捷径", r"F\(x")),
        "Figure 3": ("VGG-19, a 34-layer plain network and a 34-layer residual network", (r"VGG-19", r"34-layer", r"34 层")),
        "Figure 4": ("training on ImageNet", (r"ImageNet",)),
        "Figure 5": ("a deeper residual function: the bottleneck", (r"bottleneck", r"瓶颈", r"basic block", r"基本块")),
        "Figure 6": ("training on CIFAR-10", (r"CIFAR",)),
        "Figure 7": ("standard deviations of layer responses on CIFAR-10", (r"standard deviation", r"标准差", r"respons", r"响应")),
    },
    # Lin, Chen & Yan 2014, "Network In Network"
    "Lin 2014": {
        "Section 3.1": ("MLP Convolution Layers", (r"mlpconv", r"MLP", r"1×1")),
        "Section 3.2": ("Global Average Pooling", (r"global average pool", r"全局平均池化")),
        "Section 3.3": ("Network In Network Structure", (r"structure", r"结构", r"mlpconv")),
        "Section 4.2": ("CIFAR-10", (r"CIFAR-10",)),
        "Section 4.6": ("Global Average Pooling as a Regularizer", (r"regulari[sz]", r"正则")),
        "Table 1": ("test set error rates on CIFAR-10", (r"CIFAR-10", r"dropout", r"丢弃法", r"augment", r"增强")),
    },
    # LeCun, Bottou, Bengio & Haffner 1998, "Gradient-Based Learning Applied to Document Recognition"
    "LeCun 1998": {
        "Figure 2": ("architecture of LeNet-5", (r"S2", r"S4", r"C1", r"C3", r"feature map", r"特征图", r"architecture", r"结构")),
        "Figure 9": ("error rate on the test set of the various classification methods", (r"classifier", r"分类器", r"error", r"错误率")),
    },
    # the other papers whose parts the pages cite
    "Szegedy 2016": {  # Szegedy et al., "Rethinking the Inception Architecture for Computer Vision"
        "Section 1": ("Introduction", (r"parameters", r"参数")),
    },
    "Howard 2017": {  # Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications"
        "Table 2": ("resource per layer type", (r"multiply-adds", r"乘加", r"1×1")),
    },
    "Redmon 2016": {  # Redmon et al., "You Only Look Once: Unified, Real-Time Object Detection"
        "Figure 3": ("the architecture", (r"backbone", r"骨干", r"max pool", r"最大池化")),
    },
    "He 2017": {  # He et al., "Mask R-CNN"
        "Figure 4": ("head architecture", (r"mask", r"掩码", r"head", r"头")),
    },
    "Jacob 2018": {  # Jacob et al., "Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only Inference"
        "Section 3.2": ("Batch normalization folding", (r"fold", r"折叠")),
    },
    "Goodfellow 2016": {  # Goodfellow, Bengio & Courville, "Deep Learning" (MIT Press)
        "Chapter 9": ("Convolutional Networks", (r"convolution", r"卷积")),
    },
    "Dumoulin 2016": {  # Dumoulin & Visin, "A guide to convolution arithmetic for deep learning"
        "Section 2": ("Convolution arithmetic", (r"output size", r"输出尺寸", r"formula", r"公式", r"arithmetic")),
        "Section 5.1": ("Dilated convolutions", (r"dilat", r"膨胀", r"空洞", r"d\(k", r"formula", r"公式")),
    },
}

#: The networks' names that stand for their paper on a page about no one paper ("AlexNet overlapping
#: pooling (Sec. 3.4)"), where no author is named.
MODEL_PAPERS = {"AlexNet": "Krizhevsky 2012", "VGG": "Simonyan 2015", "GoogLeNet": "Szegedy 2015", "ResNet": "He 2016",
                "NiN": "Lin 2014", "LeNet": "LeCun 1998"}

#: The paper a page is about, cited as "the paper" ("论文表 1").
PAGE_PAPERS = {"architectures/alexnet": "Krizhevsky 2012", "architectures/vgg": "Simonyan 2015",
               "architectures/googlenet": "Szegedy 2015", "architectures/resnet": "He 2016", "architectures/lenet": "LeCun 1998",
               "concepts/nin": "Lin 2014"}

_KINDS = {"section": "Section", "sections": "Section", "sec.": "Section", "节": "Section", "table": "Table", "tables": "Table",
          "表": "Table", "figure": "Figure", "figures": "Figure", "fig.": "Figure", "图": "Figure", "equation": "Equation",
          "eq.": "Equation", "公式": "Equation", "式": "Equation", "chapter": "Chapter", "chapters": "Chapter"}
_SENTENCE_END = re.compile(r"[。！？]|(?<!\bvs)(?<!\bal)(?<!\be\.g)(?<!\bi\.e)(?<!\bFig)(?<!\bSec)(?<!\bEq)(?<!\bconv)\.(?=\s+[A-Z*(\[`$])")
_SOURCE = re.compile(
    r"(?<![\w-])(?P<surname>[A-Z][a-z]+(?:[A-Z][a-z]+)?)(?:\s+et al\.|\s*等|\s*(?:&|and|与|、|,|，)\s*[A-Z][A-Za-z-]+)*\s*[,，]?\s*[(（]?\s*"
    r"(?:[“\"《*][^”\"》*]+[”\"》*]\s*[,，]?\s*)?(?:ICLR|CVPR|NIPS|ICML|ECCV|ICCV|MIT Press)?\s*(?P<year>(?:19|20)\d\d)"
    rf"|\b(?P<model>{'|'.join(MODEL_PAPERS)})(?![\w-])")


def sentence(text: str, at: int) -> tuple[int, int]:
    """The span of the sentence (or table row) of ``text`` that holds offset ``at``."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end = next((m.start() for m in _SENTENCE_END.finditer(text, at)), len(text))
    return start, end


def cited_paper(page_stem: str, before: str, after: str = "") -> str | None:
    """The paper (its key in ``PARTS``) that the text ``before`` a reference (in its sentence)
    cites last, or else the text ``after`` it cites first: an author with the registry's year
    ("He et al. 2016") or, on a page about no one paper, a network's name; with none, the paper
    the page is about. None for a paper whose parts this module does not hold."""
    own = PAGE_PAPERS.get(page_stem)
    # on a network's page, "AlexNet's constants" are not its paper's
    sources = [m for m in _SOURCE.finditer(before) if own is None or not m["model"]][-1:]
    sources = sources or [m for m in _SOURCE.finditer(after) if own is None or not m["model"]][:1]
    if not sources:
        return own
    last = sources[0]
    key = MODEL_PAPERS[last["model"]] if last["model"] else f"{last['surname']} {last['year']}"
    return key if key in PARTS else None


def kind_of(before: str) -> str | None:
    """"Section", "Table", "Figure", "Equation" or "Chapter": what the words before a reference number name."""
    match = re.search(r"(sections?|sec\.|tables?|figures?|fig\.|equations?|eq\.|chapters?|节|表|图|公式|式)\s*[(（]?"
                      r"(?:[\d.]+[a-z]?\s*(?:,|and|与|和|、|及)\s*)*$", before, re.I)
    return _KINDS[match[1].lower()] if match else None
