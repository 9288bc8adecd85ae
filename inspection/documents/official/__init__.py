"""Official documents (văn bản hành chính) in the layout of Decree 30/2020/NĐ-CP.

One neutral description of a document (`model.OfficialDoc`: heading, sections, tables, signers, recipients) is
built by a feature from its data and rendered by this package: `docx.to_docx` writes the Word file people edit
before issuing, `pdf.to_pdf` converts that file with LibreOffice headless (so the PDF is the .docx's content and
layout, one source), `signing` signs an issued PDF (PAdES) and checks a stored one.
"""
