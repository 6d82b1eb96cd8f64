using System.Diagnostics;
using System.Text;
using MicroSpa.Web.Infrastructure.Csv;

namespace MicroSpa.Web.Tests.Import;

/// <summary>How a file to import is read (decision 043): separators, encodings, quoting, and every refusal with its message.</summary>
public sealed class ImportFileTests
{
    private static ImportFile.Sheet Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    private static ImportFile.Sheet Read(byte[] bytes)
    {
        var result = ImportFile.Read(bytes);
        result.Refusal.ShouldBeNull();
        return result.Sheet!;
    }

    private static string Refusal(byte[] bytes)
    {
        var result = ImportFile.Read(bytes);
        result.Sheet.ShouldBeNull();
        return result.Refusal!;
    }

    private static string Refusal(string text) => Refusal(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void The_separator_is_sniffed_from_the_header_row(char separator)
    {
        // The data rows hold the other candidates: only the header decides.
        var sheet = Read($"First name{separator}Last name{separator}Notes\r\nAna{separator}Nunez{separator}\"likes, tea; a|b\"\r\n");

        sheet.Separator.ShouldBe(separator);
        sheet.Headers.ShouldBe(["First name", "Last name", "Notes"]);
        sheet.Rows.Single().Cells.ShouldBe(["Ana", "Nunez", "likes, tea; a|b"]);
    }

    [Fact]
    public void An_excel_sep_line_names_the_separator_and_is_not_a_row()
    {
        var sheet = Read("sep=;\r\nName;Email\r\nAna Nunez;ana@example.com\r\n");

        sheet.Separator.ShouldBe(';');
        sheet.Headers.ShouldBe(["Name", "Email"]);
        sheet.Rows.Single().Line.ShouldBe(2, "lines are counted after the sep= line");
    }

    [Fact]
    public void Utf8_with_and_without_a_byte_order_mark_reads_the_same()
    {
        const string text = "Name,Email\nZoë Müller,zoe@example.com\n";
        var withBom = Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        var without = Read(text);

        withBom.EncodingName.ShouldBe("UTF-8");
        withBom.Headers[0].ShouldBe("Name", "the mark is not part of the first header");
        withBom.Rows[0].Cells[0].ShouldBe("Zoë Müller");
        without.Rows[0].Cells[0].ShouldBe("Zoë Müller");
    }

    [Fact]
    public void A_stray_byte_in_a_utf8_file_is_refused_naming_its_line_not_read_as_windows_1252()
    {
        var bytes = Encoding.UTF8.GetBytes("First name;Last name\r\nZoë;Müller\r\nAna;Nunez\r\n").ToList();
        bytes.Insert(bytes.LastIndexOf((byte)'N'), 0xFF);

        Refusal([.. bytes]).ShouldBe(
            "Line 3 of the file is not valid UTF-8, though the rest of the file is: fix or retype the characters on that line (or save the file again as CSV (UTF-8)) and upload it again.");
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_read_as_windows_1252()
    {
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var bytes = windows1252.GetBytes("First name;Last name\r\nZoë;Núñez\r\nFrançois;L’Écuyer\r\n");
        bytes.ShouldContain((byte)0xEB, "ë is one byte, not valid UTF-8 on its own");

        var sheet = Read(bytes);

        sheet.EncodingName.ShouldBe("Windows-1252");
        sheet.Rows[0].Cells.ShouldBe(["Zoë", "Núñez"]);
        sheet.Rows[1].Cells.ShouldBe(["François", "L’Écuyer"]);
    }

    [Fact]
    public void Utf16_with_its_byte_order_mark_is_read()
    {
        var sheet = Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Name\tEmail\r\nZoë Martin\tzoe@example.com\r\n")).ToArray());

        sheet.EncodingName.ShouldBe("UTF-16");
        sheet.Separator.ShouldBe('\t');
        sheet.Rows[0].Cells.ShouldBe(["Zoë Martin", "zoe@example.com"]);
    }

    [Fact]
    public void Quotes_separators_and_line_breaks_inside_a_quoted_field_are_part_of_the_value()
    {
        var sheet = Read("Name,Notes,Email\r\n\"Nunez, Ana\",\"Says \"\"hi\"\"\r\nsecond line\",ana@example.com\r\nBo Li,,bo@example.com\r\n");

        sheet.Rows[0].Cells.ShouldBe(["Nunez, Ana", "Says \"hi\"\r\nsecond line", "ana@example.com"]);
        sheet.Rows[0].Line.ShouldBe(2);
        sheet.Rows[1].Line.ShouldBe(4, "the line a row starts on, counting the line inside the quotes");
    }

    [Fact]
    public void A_formula_in_a_cell_is_kept_as_text_and_never_run()
    {
        var sheet = Read("Name,Notes\r\nAna Nunez,\"=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"\r\nBo Li,@SUM(A1)\r\n");

        sheet.Rows[0].Cells[1].ShouldBe("=HYPERLINK(\"http://evil.test\",\"x\")");
        sheet.Rows[1].Cells[1].ShouldBe("@SUM(A1)");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Refusal([]).ShouldBe(ImportFile.Empty);
        Refusal("\r\n\r\n,,,\r\n").ShouldBe(ImportFile.Empty);
        Refusal([0xEF, 0xBB, 0xBF]).ShouldBe(ImportFile.Empty);
    }

    [Fact]
    public void A_binary_file_is_refused_as_not_text()
    {
        // The start of a PNG, and a ZIP (an .xlsx is one), and text with a NUL in it.
        Refusal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]).ShouldBe(ImportFile.NotText);
        Refusal([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, .. Encoding.ASCII.GetBytes("[Content_Types].xml")]).ShouldBe(ImportFile.NotText);
        Refusal("Name,Email\r\nAna\0,ana@example.com\r\n").ShouldBe(ImportFile.NotText);
        Refusal("Name,Email\r\nAna\u0007,ana@example.com\r\n").ShouldBe(ImportFile.NotText);
    }

    [Fact]
    public void A_file_whose_first_row_is_data_is_refused_as_having_no_header()
    {
        Refusal("Ana Nunez,ana@example.com,555-0142\r\nBo Li,bo@example.com,555-0143\r\n").ShouldBe(ImportFile.NoHeader);
        Refusal("Ana,Nunez,1990-04-12\r\n").ShouldBe(ImportFile.NoHeader);
        Refusal("Name,Email\r\n").ShouldBe(ImportFile.NoRows);
    }

    [Fact]
    public void A_quote_never_closed_is_refused_with_its_line()
    {
        var refusal = Refusal("Name,Notes\r\nAna Nunez,fine\r\nBo Li,\"never closed\r\nCy Ray,more\r\n");

        refusal.ShouldStartWith("Line 3 has a quote that is never closed");
    }

    [Fact]
    public void A_million_empty_rows_are_skipped_quickly_and_refused_as_no_data()
    {
        var text = new StringBuilder("First name,Last name,Email\r\n");
        text.Insert(text.Length, ",,\r\n", 1_000_000);
        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        var watch = Stopwatch.StartNew();

        Refusal(bytes).ShouldBe(ImportFile.NoRows);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "blank rows are skipped, not kept");
    }

    [Fact]
    public void More_rows_than_the_cap_are_refused()
    {
        var text = new StringBuilder("Name,Email\n");
        for (var i = 0; i <= ImportFile.MaxRows; i++)
        {
            text.Append("A B,a").Append(i).Append("@example.com\n");
        }

        Refusal(text.ToString()).ShouldBe(ImportFile.TooManyRows);
    }

    [Fact]
    public void A_file_above_the_size_limit_is_refused_before_it_is_read()
    {
        Refusal(new byte[ImportFile.MaxBytes + 1]).ShouldBe(ImportFile.TooLarge);
    }
}
