"""Catalogs: complete for every language, and the check catches what it should."""

from preparedness.translate_cli import catalog_problems, extract_template, po_path


def test_translate_check_passes_for_every_language(runner):
    result = runner.invoke(args=["translate", "check"])
    assert result.exit_code == 0, result.output
    for lang in ("ru", "uk", "en"):
        assert f"{lang}: ok" in result.output


def test_check_reports_fuzzy_untranslated_and_placeholder_errors(app, tmp_path):
    app.config["TRANSLATIONS_DIR"] = tmp_path
    with app.app_context():
        template = extract_template()
        path = po_path("ru")
        path.parent.mkdir(parents=True)
        path.write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
            '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
            '#, fuzzy\nmsgid "Now"\nmsgstr "Сейчас"\n\n'
            'msgid "Shelters"\nmsgstr ""\n\n'
            '#, python-format\nmsgid "Emergency: call %(number)s"\nmsgstr "Звоните %(nomer)s"\n',
            encoding="utf-8")
        problems = catalog_problems("ru", template)
    assert "fuzzy: 'Now'" in problems
    assert "untranslated: 'Shelters'" in problems
    assert any(p.startswith("placeholders: 'Emergency: call") for p in problems)
    assert any(p.startswith("missing: ") for p in problems)
