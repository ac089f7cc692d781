"""The pages a reader sees, checked on parsed HTML."""

from __future__ import annotations

from conftest import Project, text_of


def hrefs(tree, xpath: str = "//main//a") -> list[str]:
    return [a.get("href") for a in tree.xpath(xpath)]


def test_home_lists_newest_first_with_topic_counts(built: Project) -> None:
    home = built.page("")
    titles = [text_of(h) for h in home.xpath("//ol[@class='papers']//h2")]
    assert titles == ["Alpha: O(n2) Fairness", "Beta Bias", "Gamma"]
    counts = {
        text_of(li.xpath("a")[0]): text_of(li.xpath("span")[0])
        for li in home.xpath("//ul[@class='topic-counts']/li")
    }
    assert counts == {"Bias in Language Models": "2", "Fairness": "2"}
    assert home.xpath("//h1")[0].text == "Paperboard"


def test_card_shows_authors_date_chips_and_summary(built: Project) -> None:
    card = built.page("").xpath("//article[@class='card']")[0]
    assert [text_of(a) for a in card.xpath(".//span[@class='authors']/a")] == [
        "Ada Lovelace",
        "Émile Borel",
    ]
    assert card.xpath(".//time/@datetime") == ["2025-03-21"]
    assert hrefs(card, ".//a[@class='chip']") == ["/topics/fairness/"]
    assert text_of(card.xpath(".//p[@class='summary']")[0]) == "First abstract with x²."


def test_paper_page(built: Project) -> None:
    page = built.page("papers/gamma/")
    assert text_of(page.xpath("//h1")[0]) == "Gamma"
    assert page.xpath("//title")[0].text == "Gamma · Paperboard"
    facts = dict(
        zip(
            [text_of(d) for d in page.xpath("//dl/dt")],
            [text_of(d) for d in page.xpath("//dl/dd")],
            strict=True,
        )
    )
    assert facts["Venue"] == "NeurIPS 2024"
    assert facts["Upvotes"] == "7"
    assert facts["Published"] == "1 December 2024"
    links = {text_of(a): a.get("href") for a in page.xpath("//ul[@class='links']//a")}
    assert links == {
        "arXiv": "https://arxiv.org/abs/2412.00001",
        "PDF": "https://arxiv.org/pdf/2412.00001",
    }
    assert hrefs(page, "//span[@class='authors']/a") == ["/authors/grace-hopper/"]
    bibtex = text_of(page.xpath("//pre[@id='bibtex']")[0])
    assert bibtex.startswith("@inproceedings{gamma,")
    assert "booktitle = {NeurIPS 2024}" in bibtex


def test_abstract_is_rendered_markdown_with_mathml(built: Project) -> None:
    page = built.page("papers/alpha/")
    abstract = page.xpath("//section[@class='abstract']")[0]
    assert abstract.xpath(".//em")[0].text == "abstract"
    assert abstract.xpath(".//*[local-name()='msup']")
    assert "$" not in text_of(abstract)


def test_title_math_is_mathml_in_html_and_plain_in_title_and_meta(built: Project) -> None:
    page = built.page("papers/alpha/")
    assert page.xpath("//h1//*[local-name()='math']")
    assert page.xpath("//title")[0].text == "Alpha: O(n²) Fairness · Paperboard"
    home = built.page("")
    assert home.xpath("//ol[@class='papers']//h2//*[local-name()='math']")


def test_topic_pages(built: Project) -> None:
    index = built.page("topics/")
    rows = {
        text_of(h.xpath("a")[0]): text_of(h.xpath("span")[0]) for h in index.xpath("//main//li/h2")
    }
    assert rows == {"Bias in Language Models": "2 papers", "Fairness": "2 papers"}
    assert index.xpath("//main//li//div[@class='description']//em")[0].text == "fair"
    topic = built.page("topics/bias/")
    assert text_of(topic.xpath("//h1")[0]) == "Bias in Language Models"
    assert [text_of(h) for h in topic.xpath("//main//h2")] == ["Beta Bias", "Gamma"]


def test_author_page_lists_every_paper_of_the_author(built: Project) -> None:
    page = built.page("authors/ada-lovelace/")
    assert text_of(page.xpath("//h1")[0]) == "Ada Lovelace"
    assert [text_of(h) for h in page.xpath("//main//h2")] == ["Alpha: O(n2) Fairness", "Beta Bias"]
    assert built.page("authors/emile-borel/").xpath("//h1")[0].text == "Émile Borel"


def test_archive_groups_by_month(built: Project) -> None:
    page = built.page("archive/")
    months = [text_of(h) for h in page.xpath("//main//h2")]
    assert months == ["March 2025 (1)", "February 2025 (1)", "December 2024 (1)"]
    assert hrefs(page, "//ol[@class='archive']//a") == [
        "/papers/alpha/",
        "/papers/beta/",
        "/papers/gamma/",
    ]
    board = page.xpath("//nav[@aria-labelledby='board-months']//a")
    assert hrefs(page, "//nav[@aria-labelledby='board-months']//a") == [
        "/months/2025-03/",
        "/months/2025-02/",
        "/months/2024-12/",
    ]
    assert text_of(board[0]) == "March 2025 (1 paper)"


def test_not_found_page_and_nojekyll(built: Project) -> None:
    page = built.page("404.html")
    assert text_of(page.xpath("//h1")[0]) == "Page not found"
    assert (built.root / "site" / ".nojekyll").is_file()


def test_pagination(project: Project) -> None:
    project.write("paperboard.toml", "per_page = 2\n")
    for day in range(1, 6):
        project.paper(f"p{day}", f"Paper {day}", f"2025-01-0{day}")
    assert project.build().exit_code == 0
    first = project.page("")
    assert [text_of(h) for h in first.xpath("//main//h2[@class='card-title']")] == [
        "Paper 5",
        "Paper 4",
    ]
    assert first.xpath("//a[@rel='next']/@href") == ["/page/2/"]
    assert first.xpath("//a[@rel='prev']") == []
    second = project.page("page/2/")
    assert [text_of(h) for h in second.xpath("//main//h2[@class='card-title']")] == [
        "Paper 3",
        "Paper 2",
    ]
    assert second.xpath("//a[@rel='prev']/@href") == ["/"]
    assert second.xpath("//nav[@class='pagination']//a[@aria-current='page']/text()") == ["2"]
    assert second.xpath("//ol[@class='papers']/@start") == ["3"]
    last = project.page("page/3/")
    assert [text_of(h) for h in last.xpath("//main//h2[@class='card-title']")] == ["Paper 1"]
    assert last.xpath("//a[@rel='next']") == []
    topic = project.page("topics/fairness/page/3/")
    assert topic.xpath("//a[@rel='prev']/@href") == ["/topics/fairness/page/2/"]


def test_every_page_has_landmarks_skip_link_and_stylesheet(built: Project) -> None:
    css = list((built.root / "site" / "static").glob("style.*.css"))
    assert len(css) == 1
    for url in [
        "",
        "papers/alpha/",
        "topics/",
        "topics/bias/",
        "authors/grace-hopper/",
        "archive/",
        "404.html",
    ]:
        page = built.page(url)
        assert page.xpath("//html/@lang") == ["en"]
        assert page.xpath("//body/a[1]/@href") == ["#content"]
        assert page.xpath("//main[@id='content']")
        assert page.xpath("//header") and page.xpath("//footer") and page.xpath("//nav")
        assert page.xpath("//link[@rel='stylesheet']/@href") == [f"/static/{css[0].name}"]
        assert len(page.xpath("//h1")) == 1


def test_drafts_are_left_out_unless_asked(project: Project) -> None:
    project.paper("done", "Done")
    project.paper("wip", "Work in progress", extra="draft: true")
    assert project.build().exit_code == 0
    assert not (project.root / "site/papers/wip").exists()
    assert project.build("--drafts").exit_code == 0
    assert (project.root / "site/papers/wip/index.html").is_file()


def test_topic_written_as_slug_or_name_is_one_topic(project: Project) -> None:
    project.paper("a", "A", topics=("Fairness",))
    project.paper("b", "B", topics=("fairness",))
    result = project.build()
    assert result.exit_code == 0
    page = project.page("topics/fairness/")
    assert len(page.xpath("//main//h2")) == 2
    assert "one topic" not in result.output


def test_topic_without_file_gets_a_page_titled_as_written_and_a_warning(project: Project) -> None:
    project.paper("a", "A", topics=("Learning to Rank",))
    result = project.build()
    assert result.exit_code == 0
    assert "content/papers/a.md: warning: topic `Learning to Rank` has no file" in result.output
    assert text_of(project.page("topics/learning-to-rank/").xpath("//h1")[0]) == "Learning to Rank"
    assert project.build("--strict").exit_code == 1


def test_spellings_that_slugify_alike_warn(project: Project) -> None:
    project.paper("a", "A", topics=("Deep Learning",))
    project.paper("b", "B", topics=("Deep learning",))
    result = project.build()
    assert "topic spellings `Deep Learning`, `Deep learning` are one topic" in result.output
    assert len(project.page("topics/deep-learning/").xpath("//main//h2")) == 2


def test_user_theme_overrides_one_template(project: Project) -> None:
    project.paper("a", "A")
    project.write("paperboard.toml", 'theme = "mytheme"\n')
    project.write(
        "mytheme/templates/404.html",
        '{% extends "base.html" %}{% block content %}<h1>Lost</h1>{% endblock %}',
    )
    assert project.build().exit_code == 0
    assert project.page("404.html").xpath("//h1")[0].text == "Lost"
    assert text_of(project.page("papers/a/").xpath("//h1")[0]) == "A"


def test_cards_shorten_long_author_lists_and_the_paper_page_keeps_them(project: Project) -> None:
    authors = tuple(f"Member {chr(65 + i)} Collab" for i in range(12))
    project.paper("big", "A Big Collaboration", "2025-05-01", ("Fairness",), authors)
    assert project.build().exit_code == 0
    card = project.page("").xpath("//article[@class='card']")[0]
    links = card.xpath(".//span[@class='authors']/a")
    assert [text_of(a) for a in links[:10]] == list(authors[:10])
    assert text_of(links[10]) == "and 2 more"
    assert links[10].get("href") == "/papers/big/"
    page = project.page("papers/big/")
    shown = page.xpath("//main//span[@class='authors']/a")
    assert [text_of(a) for a in shown] == list(authors)
    meta = page.xpath("//p[@data-authors]/@data-authors")[0]
    assert meta.startswith("Member A Collab, ") and meta.endswith("Member J Collab, et al.")
