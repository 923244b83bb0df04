"""Text helpers shared by the stages, a module for each job.

- :mod:`chronicle.text.sentences`: sentence spans (offsets into the text), and a rough count;
- :mod:`chronicle.text.tokenised`: telling and undoing a word tokeniser's artefacts;
- :mod:`chronicle.text.cleanup`: a sentence made one tidy line (datelines, labels dropped);
- :mod:`chronicle.text.keywords`: word tokens, stop words and the key words texts are compared by.

Everything here is cheap, pure and offset-preserving where offsets matter.
"""
