project = "Cloud test"
extensions = ["sphinxext.seminars", "myst_parser"]
html_theme = "basic"
seminars_now = "2024-01-01T00:00:00+00:00"
seminars_speaker_aliases = {"Lenka Zdeborova": "Lenka Zdeborová"}
# "van" names sort under the particle-free surname; "Ng" under "Andrew".
seminars_speakers = {"Ludwig van Beethoven": {"sort": "Beethoven"}}
exclude_patterns = ["_build"]
