using System.Text;

namespace NetiquetteML.Training.Reports;

/// <summary>
/// The report's content, independent of its format, so that report.html and report.md say
/// exactly the same thing. Every text put in it must already be redacted.
/// </summary>
public sealed class ReportDocument(string title)
{
    public string Title { get; } = title;
    public List<Block> Blocks { get; } = [];

    public ReportDocument Heading(int level, string text) { Blocks.Add(new HeadingBlock(level, text)); return this; }
    public ReportDocument Paragraph(string text) { Blocks.Add(new ParagraphBlock(text)); return this; }
    public ReportDocument Bullets(params IEnumerable<string> items) { Blocks.Add(new ListBlock(items.ToList())); return this; }
    public ReportDocument Table(string alignment, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        Blocks.Add(new TableBlock(alignment, headers, rows.ToList()));
        return this;
    }
    public ReportDocument Figure(params IEnumerable<ImageRef> images) { Blocks.Add(new FigureBlock(images.ToList())); return this; }

    public abstract record Block;
    public sealed record HeadingBlock(int Level, string Text) : Block;
    public sealed record ParagraphBlock(string Text) : Block;
    public sealed record ListBlock(IReadOnlyList<string> Items) : Block;
    /// <summary>A table; <paramref name="Alignment"/> holds one letter per column, <c>l</c> or <c>r</c>.</summary>
    public sealed record TableBlock(string Alignment, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;
    public sealed record FigureBlock(IReadOnlyList<ImageRef> Images) : Block;

    /// <summary>A PNG of the report folder.</summary>
    public sealed record ImageRef(string File, string Alt);

    /// <summary>Slug of a heading, for anchors.</summary>
    internal static string Anchor(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if ((c is ' ' or '-' or '–' or '—' or '\'') && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }
}

/// <summary>Renders a <see cref="ReportDocument"/> as one self-contained HTML page: styles inline, PNGs embedded as base64 data URIs.</summary>
public static class HtmlReportRenderer
{
    /// <summary>
    /// Sets data-images-total and data-images-loaded on body once the page has loaded, so a
    /// headless browser (and the tests) can check that every embedded image decoded.
    /// </summary>
    public const string ImageCheckScript = """
        window.addEventListener('load', function () {
          var images = Array.prototype.slice.call(document.images);
          var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
          document.body.setAttribute('data-images-total', String(images.length));
          document.body.setAttribute('data-images-loaded', String(loaded));
        });
        """;

    private const string Style = """
        body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 2em auto; max-width: 1320px; padding: 0 1em; color: #1d1d1f; line-height: 1.45; }
        h1 { font-size: 1.7em; border-bottom: 3px solid #2b6cb0; padding-bottom: .3em; }
        h2 { font-size: 1.35em; margin-top: 2em; border-bottom: 1px solid #cbd5e0; padding-bottom: .2em; }
        h3 { font-size: 1.1em; margin-top: 1.5em; }
        h4 { font-size: 1em; margin-top: 1.2em; }
        table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .92em; }
        th, td { border: 1px solid #cbd5e0; padding: .3em .6em; vertical-align: top; }
        th { background: #edf2f7; text-align: left; }
        th.r { text-align: right; }
        td.r { text-align: right; white-space: nowrap; }
        tr:nth-child(even) td { background: #f7fafc; }
        figure { display: flex; flex-wrap: wrap; gap: 1em; margin: .5em 0 1em; padding: 0; }
        figure img { box-sizing: border-box; width: min(640px, calc(50% - .5em)); min-width: 320px; height: auto; border: 1px solid #e2e8f0; }
        nav ul { columns: 2; }
        """;

    public static string Render(ReportDocument document, string imageFolder)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html>");
        sb.AppendLine("<html lang=\"fr-CA\">");
        sb.AppendLine("<head>");
        sb.AppendLine("<meta charset=\"utf-8\">");
        sb.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.AppendLine($"<title>{E(document.Title)}</title>");
        sb.AppendLine($"<style>\n{Style}\n</style>");
        sb.AppendLine($"<script>\n{ImageCheckScript}\n</script>");
        sb.AppendLine("</head>");
        sb.AppendLine("<body>");
        sb.AppendLine($"<h1>{E(document.Title)}</h1>");
        var anchors = UniqueAnchors(document);
        var sections = document.Blocks.OfType<ReportDocument.HeadingBlock>().Where(h => h.Level == 2).ToList();
        if (sections.Count > 0)
        {
            sb.AppendLine("<nav><strong>Sommaire</strong><ul>");
            foreach (var h in sections) sb.AppendLine($"<li><a href=\"#{anchors[h]}\">{E(h.Text)}</a></li>");
            sb.AppendLine("</ul></nav>");
        }
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportDocument.HeadingBlock h:
                    var level = Math.Clamp(h.Level, 2, 6);
                    sb.AppendLine($"<h{level} id=\"{anchors[h]}\">{E(h.Text)}</h{level}>");
                    break;
                case ReportDocument.ParagraphBlock p:
                    sb.AppendLine($"<p>{E(p.Text)}</p>");
                    break;
                case ReportDocument.ListBlock l:
                    sb.AppendLine("<ul>");
                    foreach (var item in l.Items) sb.AppendLine($"<li>{E(item)}</li>");
                    sb.AppendLine("</ul>");
                    break;
                case ReportDocument.TableBlock t:
                    sb.AppendLine("<table>");
                    sb.Append("<thead><tr>");
                    for (var i = 0; i < t.Headers.Count; i++) sb.Append($"<th{Align(t, i)}>{E(t.Headers[i])}</th>");
                    sb.AppendLine("</tr></thead>");
                    sb.AppendLine("<tbody>");
                    foreach (var row in t.Rows)
                    {
                        sb.Append("<tr>");
                        for (var i = 0; i < row.Count; i++) sb.Append($"<td{Align(t, i)}>{E(row[i])}</td>");
                        sb.AppendLine("</tr>");
                    }
                    sb.AppendLine("</tbody></table>");
                    break;
                case ReportDocument.FigureBlock f:
                    sb.AppendLine("<figure>");
                    foreach (var image in f.Images)
                    {
                        var bytes = File.ReadAllBytes(Path.Combine(imageFolder, image.File));
                        sb.AppendLine($"<img src=\"data:image/png;base64,{Convert.ToBase64String(bytes)}\" alt=\"{E(image.Alt)}\" title=\"{E(image.Alt)}\" data-file=\"{E(image.File)}\">");
                    }
                    sb.AppendLine("</figure>");
                    break;
            }
        }
        sb.AppendLine("</body>");
        sb.AppendLine("</html>");
        return sb.ToString();
    }

    /// <summary>One id per heading, made unique with -2, -3… (a category's title appears in several sections).</summary>
    private static Dictionary<ReportDocument.HeadingBlock, string> UniqueAnchors(ReportDocument document)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new Dictionary<ReportDocument.HeadingBlock, string>(ReferenceEqualityComparer.Instance);
        foreach (var h in document.Blocks.OfType<ReportDocument.HeadingBlock>())
        {
            var anchor = ReportDocument.Anchor(h.Text);
            if (anchor.Length == 0) anchor = "section";
            var unique = anchor;
            for (var n = 2; !used.Add(unique); n++) unique = $"{anchor}-{n}";
            result[h] = unique;
        }
        return result;
    }

    private static string Align(ReportDocument.TableBlock t, int column) =>
        column < t.Alignment.Length && t.Alignment[column] == 'r' ? " class=\"r\"" : "";

    /// <summary>Escapes the five HTML-significant characters and keeps every other character as UTF-8 (WebUtility would turn « é » into an entity).</summary>
    private static string E(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(char.IsControl(c) && c is not '\n' and not '\t' ? ' ' : c); break;
            }
        }
        return sb.ToString();
    }
}

/// <summary>Renders a <see cref="ReportDocument"/> as Markdown, images referenced as files of the report folder.</summary>
public static class MarkdownReportRenderer
{
    public static string Render(ReportDocument document)
    {
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(Inline(document.Title)).AppendLine();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportDocument.HeadingBlock h:
                    sb.Append(new string('#', Math.Clamp(h.Level, 2, 6))).Append(' ').AppendLine(Inline(h.Text)).AppendLine();
                    break;
                case ReportDocument.ParagraphBlock p:
                    sb.AppendLine(Inline(p.Text)).AppendLine();
                    break;
                case ReportDocument.ListBlock l:
                    foreach (var item in l.Items) sb.Append("- ").AppendLine(Inline(item));
                    sb.AppendLine();
                    break;
                case ReportDocument.TableBlock t:
                    sb.AppendLine("| " + string.Join(" | ", t.Headers.Select(Cell)) + " |");
                    sb.AppendLine("|" + string.Join("|", t.Headers.Select((_, i) => i < t.Alignment.Length && t.Alignment[i] == 'r' ? "---:" : "---")) + "|");
                    foreach (var row in t.Rows) sb.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
                    sb.AppendLine();
                    break;
                case ReportDocument.FigureBlock f:
                    foreach (var image in f.Images) sb.AppendLine($"![{Inline(image.Alt).Replace("]", "\\]")}]({image.File})");
                    sb.AppendLine();
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Escapes what Markdown would interpret: HTML, emphasis, links, headings at the start of a line.</summary>
    private static string Inline(string text)
    {
        var oneLine = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        var sb = new StringBuilder(oneLine.Length);
        foreach (var c in oneLine)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '~': sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    private static string Cell(string text) => Inline(text);
}
