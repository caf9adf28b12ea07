"""Progress over weeks: spaced review, mastery, delivery insights and reports."""
