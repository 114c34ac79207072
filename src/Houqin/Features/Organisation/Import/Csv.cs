using System.Text;

namespace Houqin.Features.Organisation.Import;

/// <summary>
/// RFC 4180 CSV as spreadsheets export it (UTF-8, optional BOM, quoted fields, CRLF or LF). Each record
/// keeps the line it started on, so errors can name the line a person sees in their editor.
/// </summary>
public static class Csv
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public static List<Record> Parse(string text)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    Add(records, recordLine, fields);
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            Add(records, recordLine, fields);
        }
        return records;
    }

    private static void Add(List<Record> records, int line, List<string> fields)
    {
        // Blank lines (often the last one) are not records.
        if (fields.Count == 1 && fields[0].Trim().Length == 0)
        {
            return;
        }
        records.Add(new Record(line, fields.Select(f => f.Trim()).ToList()));
    }
}
