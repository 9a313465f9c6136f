"""Browser tests (Chromium through Playwright)."""
