"""Posters and social media cards, rendered with Pillow from the translated content.

    layouts_dir/*.yml (one per format)          -> layouts.load_layouts()  -> Layout (checked)
    LanguageContent.poster_pages (posters_dir)  -> posters.poster_text()  -> PosterText per route
        -> fonts.load_language_fonts()   the language's typefaces (woff2 as TrueType), by weight
        -> text.fit_text()               UAX #14 lines, bidi runs (levels), raqm shaping, shrink to fit
        -> draw.Painter.draw()           one image: panels, logo, QR code, text with measured contrast
        -> encode                        PNG (every image), PDF (posters), through print.cache.RenderCache
        -> render.render_images()        the stage: workers per (language, route), the one writer,
                                         images.json; sheet.make_sheet(): a contact sheet per language
"""
