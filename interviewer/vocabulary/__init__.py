"""The words the app knows: concept names across Chinese, English and abbreviations.

Data every layer that reads text needs (corpus, index, grading, insights), so it sits below all of
them and imports nothing else of ours.
"""
