"""Printable school materials: the lesson packs, rendered from the translated content as PDFs.

    LanguageContent.print_pages (translated packs/ sources)
        -> packs.pack_documents()   -> PrintDocument per part and per pack (in memory)
        -> html.document_html()     -> one HTML document with the brand's look
        -> pdf.render_pdf()         -> tagged PDF/UA-1 bytes (WeasyPrint), through cache.RenderCache
        -> render.render_print()    -> files written by the one writer, and a PrintSet manifest
"""
