// The course has no formulas; MathJax is not loaded (conf.py: mathjax_path).
