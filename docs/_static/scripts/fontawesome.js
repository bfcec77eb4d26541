// Replaces the theme's fontawesome.js (1.5 MB: every icon as an SVG inside a script). Sphinx
// copies docs/_static after the theme's static files, so this file takes its place; the icons
// still show, from the Font Awesome web font that the theme's stylesheet loads.
