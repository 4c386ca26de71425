"""The campaign's MkDocs plugin: thin glue between one language's build and the campaign.

It never re-enters MkDocs and never translates page content (that happened before MkDocs ran,
see campaign.i18n.translate). It adds the self-hosted assets and the translation-status page,
installs the theme catalog for templates, gives templates the ``campaign`` context (language,
the switcher's links, help, notices) and finishes each page (lang/dir, safety controls, RTL
numbers).
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.nav import Section
from mkdocs.utils import get_relative_url

from ..config import DEFAULT_CONFIG, load_config
from ..brand import brand_css
from ..content.help import load_help
from ..content.local import PAGE_URL as LOCAL_CONTACTS_URL
from ..i18n.pseudo import pseudo_plain
from ..i18n.status import STATUS_PAGE, STATUS_TITLE, collect_status
from ..i18n.translate import META_KEY, source_lookup, translate_help, translate_page
from .assets import language_assets
from .context import PluginContext, alternates, language_dict, linked_languages
from .material_strings import MATERIAL_CONTEXT, MATERIAL_STRINGS
from .postprocess import finish_page
from .previews import preview_tags
from .templates import SAFETY_TEMPLATE, STATUS_TEMPLATE, prepare_theme
from .theme import logo_url


class CampaignPluginConfig(Config):
    language = c.Optional(c.Type(str))       # this build's language (default: the source)
    context = c.Optional(c.Type(str))        # the PluginContext file written by `campaign build`
    config_file = c.Optional(c.Type(str))    # campaign.yml, for `mkdocs serve` (default: beside mkdocs.yml)
    template_cache = c.Optional(c.Type(str))  # Jinja bytecode folder shared by a run's builds


class PseudoTranslations(gettext.NullTranslations):
    """Theme strings for the pseudo-locale: every string pseudo-localised."""

    def gettext(self, message):
        return pseudo_plain(message)

    def ngettext(self, singular, plural, n):
        return pseudo_plain(singular if n == 1 else plural)

    def pgettext(self, context, message):
        return pseudo_plain(message)

    def npgettext(self, context, singular, plural, n):
        return pseudo_plain(singular if n == 1 else plural)


def preview_context(config_file: str) -> PluginContext:
    """`mkdocs serve` in the project (no `campaign build`): the source language, from the
    project's own files."""
    campaign = load_config(config_file)
    help_data = load_help(campaign.root / campaign.help_data)
    lang = campaign.source
    return PluginContext(config=campaign, lang=lang, linked=linked_languages(lang, campaign.languages),
                         help_data=help_data,
                         help=tuple(translate_help(help_data, lang, lang, source_lookup)),
                         status=tuple(row.as_dict() for row in collect_status(campaign)), theme=None)


class CampaignPlugin(BasePlugin[CampaignPluginConfig]):

    @event_priority(50)   # before Material's search plugin, whose on_config makes a theme environment
    def on_config(self, config):
        if self.config.context:
            context = PluginContext.read(self.config.context)
        else:
            context = preview_context(self.config.config_file
                                      or str(Path(config.config_file_path).parent / DEFAULT_CONFIG))
        self.context = context
        self.campaign = context.config
        self.lang = context.lang
        self.is_source = self.lang.code == self.campaign.source_language
        self.catalog = context.theme
        self.interface_withheld = context.interface_withheld
        self.help_items = {item["id"]: item for item in context.help}
        self.translations: gettext.NullTranslations
        if self.lang.pseudo:
            self.translations = PseudoTranslations()
        elif self.catalog is None:
            self.translations = gettext.NullTranslations()
        else:
            self.translations = self.catalog.gettext_translations()
        prepare_theme(config.theme, self.translations, self.config.template_cache)
        config.site_name = self.translations.gettext(config.site_name)
        self.assets = language_assets(self.campaign, self.lang)
        config.extra_css = list(config.extra_css) + list(self.assets.css)
        config.extra_javascript = list(config.extra_javascript) + list(self.assets.javascript)
        # True, not a list: Material's header includes our switcher (partials/alternate.html) and
        # its base.html puts no <link rel="alternate"> in the head (see context.py).
        config.extra["alternate"] = True
        self._safety: dict[str, str] = {}
        self._same_on_every_page = self._language_context()
        return config

    def _language_context(self) -> dict:
        """The parts of the templates' ``campaign`` context that are the same on every page of
        this build (the brand's colours, the logo, the status rows), made once."""
        return {
            "lang": language_dict(self.lang),
            "brand_css": brand_css(self.campaign.brand) if self.campaign.brand else "",
            "logo": logo_url(self.campaign),
            "status": list(self.context.status),
            "exit_url": self.campaign.quick_exit_url,
            "sample": self.campaign.sample,      # a council's sample: its banner on every page
        }

    def on_files(self, files: Files, config) -> Files:
        self.files = files
        # The translated pages, in the order MkDocs reads a docs folder (its build order).
        for page in sorted((File.generated(config, rel, content=text)
                            for rel, text in self.context.pages.items()), key=file_sort_key):
            files.append(page)
        for name in self.assets.files:
            files.append(File(name, src_dir=str(self.campaign.root), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        if files.get_file_from_path(STATUS_PAGE) is None:
            title = self.translations.gettext(STATUS_TITLE)
            files.append(File.generated(config, STATUS_PAGE, content=(
                f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ntemplate: {STATUS_TEMPLATE}\n"
                f"audience: [everyone]\nsearch:\n  exclude: true\n---\n")))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        if META_KEY in page.meta:
            return markdown  # translated by `campaign build`
        if page.file.generated_by:
            return markdown  # the translation-status page, written by this plugin
        # Previewing the source pages directly (`mkdocs serve`): fill the help placeholders.
        text = translate_page(markdown, page.file.src_uri, self.lang, self.campaign.source,
                              source_lookup, self.context.help_data).text
        return text.split("---\n", 2)[2].lstrip("\n")

    def on_nav(self, nav, config, files):
        """Section titles come from mkdocs.yml, not from a page: translate them (theme.po)."""
        def walk(items):
            for item in items:
                if isinstance(item, Section):
                    item.title = self.translations.gettext(item.title)
                    walk(item.children)
        walk(nav.items)
        return nav

    def on_env(self, env, config, files):
        # The environment comes from config.theme.get_env(), prepared (see on_config).
        env.globals["campaign_material_t"] = self.material_text
        self.env = env
        return env

    def material_text(self, key: str, own: str, english: str) -> str:
        """A Material interface string: Material's own translation, then the theme catalog,
        then English."""
        if own:
            return own
        source = MATERIAL_STRINGS.get(key)
        if source and self.lang.pseudo:
            return pseudo_plain(source)
        if source and self.catalog is not None:
            entry = self.catalog.lookup(source, MATERIAL_CONTEXT)
            if entry is not None and entry.state.usable:
                return entry.string
        return english or source or ""

    def _featured(self, page) -> list[dict]:
        """The pages this language's home page puts first for its readers (campaign.yml)."""
        if page is None or not page.is_homepage:
            return []
        out = []
        for src in self.lang.featured:
            file = self.files.get_file_from_path(src)
            if file is not None and file.page is not None:
                out.append({"title": file.page.title, "href": get_relative_url(file.url, page.url)})
        return out

    def _campaign_context(self, page_url: str | None, meta: dict, page=None) -> dict:
        stats = meta.get(META_KEY) or {}
        help_items = [dict(self.help_items[service.id], only_in=only)
                      for service, only in self.context.help_data.help_box(meta, self.campaign.nations)]
        return {
            **self._same_on_every_page,
            "alternates": alternates(self.campaign, self.lang, page_url, self.context.linked),
            "fallback": not self.is_source and (bool(stats.get("fallback")) or self.interface_withheld),
            "draft": bool(stats.get("draft")),
            "help": help_items,
            "help_sources": bool(meta.get("help_sources")),
            "featured": self._featured(page),
            # A council's build: its contacts page (linked from the help box).
            "local_contacts": (get_relative_url(LOCAL_CONTACTS_URL, page_url)
                               if self.campaign.local_contacts
                               and page_url not in (None, LOCAL_CONTACTS_URL) else None),
            "preview_tags": self._preview_tags(page),
        }

    def _preview_tags(self, page) -> list[tuple[str, str, str]]:
        """The page's Open Graph and Twitter tags (none for a page without a preview)."""
        if page is None:
            return []
        return preview_tags(self.campaign, self.lang, self.context.previews.get(page.file.src_uri),
                            page.url, page.title or "", page.meta.get("description"))

    def on_page_context(self, context, page, config, nav):
        context["campaign"] = self._campaign_context(page.url, page.meta, page)
        self._safety[page.file.src_uri] = self.env.get_template(SAFETY_TEMPLATE).render(context)
        return context

    def on_template_context(self, context, template_name, config):
        context["campaign"] = self._campaign_context(None, {})
        if not template_name.endswith(".html"):
            return context
        context.setdefault("page", None)
        self._safety[template_name] = self.env.get_template(SAFETY_TEMPLATE).render(context)
        return context

    def on_post_page(self, output, page, config):
        return finish_page(output, self.lang, self._safety.pop(page.file.src_uri, ""))

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return finish_page(output_content, self.lang, self._safety.pop(template_name, ""))
