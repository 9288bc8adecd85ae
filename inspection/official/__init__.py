"""Official documents (Văn bản): drafts built from the portal's data, issued with a number and a day, stored
frozen with their hash, downloadable as Word and PDF by those who may see their subject."""
