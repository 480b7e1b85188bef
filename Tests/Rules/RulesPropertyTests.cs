using System.Diagnostics;
using System.Text;
using CsCheck;
using NetiquetteML.Scoring.Rules;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Rules;

/// <summary>Property-based checks of the personal-information and shouting rules with CsCheck.</summary>
public sealed class RulesPropertyTests(ITestOutputHelper output)
{
    private const int OneMegabyte = 1 << 20;
    // A hang guard, not a speed target (bench has those): a quadratic scan of a megabyte takes
    // minutes, while the linear one took 5.6 s on 2 cores busy with a training and other suites.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private static readonly PersonalInfoDetector Detector = new();
    private static readonly ShoutingRule Shouting = new();

    /// <summary>Any UTF-16 code unit, lone surrogates and combining marks included.</summary>
    private static readonly Gen<string> AnyText = Gen.Char['\0', '\uffff'].Array[0, 400].Select(chars => new string(chars));

    /// <summary>Text built from the characters the scanners react to, to reach their corners.</summary>
    private static readonly Gen<string> ScannerText =
        Gen.Char["0123456789 -.()+@[]{}#$%/:,abcdeéÉATSJMYXplqu\u00A0\u2011\u0301\uD83D\uDE00"].Array[0, 300].Select(chars => new string(chars));

    /// <summary>Fragments residents write, glued together in any order.</summary>
    private static readonly Gen<string> CommentText = Gen.OneOf(
            Gen.Const("Appelez-moi au "), Gen.Const("819 555-0199"), Gen.Const(" poste 12"), Gen.Const("(819) 737-2296"),
            Gen.Const("jean@gmail.com"), Gen.Const(" [at] "), Gen.Const(" point ca"), Gen.Const("12 rue Principale"),
            Gen.Const(", J0Y 2M0"), Gen.Const("NAS 046 454 286"), Gen.Const("4111 1111 1111 1111"), Gen.Const("TREM 5803 1412"),
            Gen.Const("plaque ABC 123"), Gen.Const("né le 4 mars 1958"), Gen.Const("1 250 $"), Gen.Const("règlement 2019-176"),
            Gen.Const(" "), Gen.Const(", "), Gen.Const("😀"), Gen.Const("\uD800"), Gen.Const("MERCI"), Gen.Const("lot 4 123 456"))
        .Array[0, 12].Select(parts => string.Concat(parts));

    [Fact]
    public void Detect_never_throws_and_returns_sorted_findings_inside_the_text_for_any_string()
    {
        Gen.OneOf(AnyText, ScannerText, CommentText).Sample(text =>
        {
            var findings = Detector.Detect(text);
            AssertWellFormed(text, findings);
            _ = Detector.RedactAll(text);
            _ = Shouting.Evaluate(text);
        }, iter: 2_000);
    }

    [Fact]
    public void Shouting_ratio_and_count_are_consistent_for_any_string()
    {
        Gen.OneOf(AnyText, CommentText).Sample(text =>
        {
            var result = Shouting.Evaluate(text);
            Assert.InRange(result.CapitalRatio, 0.0, 1.0);
            Assert.InRange(result.LettersCounted, 0, text.Length);
            Assert.False(result.IsShouting && result.LettersCounted < ShoutingOptions.Default.MinLetters);
        }, iter: 1_000);
    }

    /// <summary>Phones and e-mails built from random parts, embedded in random French filler.</summary>
    private static readonly Gen<string> RealPhone =
        from area in Gen.Int[200, 999].Where(a => a % 100 != 11 && a != 737 && a != 819)
        from exchange in Gen.Int[200, 999]
        from line in Gen.Int[0, 9999]
        from format in Gen.Int[0, 5]
        select format switch
        {
            0 => $"{area} {exchange}-{line:0000}",
            1 => $"({area}) {exchange} {line:0000}",
            2 => $"{area}.{exchange}.{line:0000}",
            3 => $"1-{area}-{exchange}-{line:0000}",
            4 => $"{area}{exchange}{line:0000}",
            _ => $"+1 {area} {exchange} {line:0000}",
        };

    private static readonly Gen<string> RealEmail =
        from user in Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[2, 12].Select(c => new string(c))
        from separator in Gen.OneOf(Gen.Const("."), Gen.Const("_"), Gen.Const(""))
        from digits in Gen.Int[0, 99]
        from domain in Gen.OneOf(Gen.Const("gmail.com"), Gen.Const("hotmail.ca"), Gen.Const("videotron.ca"), Gen.Const("outlook.fr"))
        select $"{user}{separator}x{digits}@{domain}";

    private static readonly Gen<string> Filler = Gen.OneOf(
            Gen.Const("Bonjour"), Gen.Const("appelez-moi"), Gen.Const("au"), Gen.Const("svp"), Gen.Const("merci"), Gen.Const("la ville"),
            Gen.Const("chien perdu"), Gen.Const("écrivez à"), Gen.Const("ou"), Gen.Const("😀"), Gen.Const("!!!"), Gen.Const("le soir"))
        .Array[0, 5].Select(words => string.Join(' ', words));

    [Fact]
    public void After_redaction_no_embedded_phone_or_email_remains()
    {
        var gen =
            from before in Filler
            from phone in RealPhone
            from middle in Filler
            from email in RealEmail
            from after in Filler
            select (Text: $"{before} {phone} {middle} {email} {after}", Phone: phone, Email: email);

        gen.Sample(sample =>
        {
            var findings = Detector.Detect(sample.Text);
            Assert.Contains(findings, f => f.Kind == PersonalInfoKind.Phone);
            Assert.Contains(findings, f => f.Kind == PersonalInfoKind.Email);
            string redacted = Redactor.Redact(sample.Text, findings);
            Assert.DoesNotContain(sample.Phone, redacted, StringComparison.Ordinal);
            Assert.DoesNotContain(sample.Email, redacted, StringComparison.Ordinal);
            foreach (var finding in findings)
            {
                Assert.DoesNotContain(sample.Text.Substring(finding.Start, finding.Length), redacted, StringComparison.Ordinal);
            }
        }, iter: 1_000);
    }

    public static TheoryData<string> AdversarialInputs => new()
    {
        "digits and spaces",
        "digits",
        "a@a.a@",
        "phones",
        "plates near their context word",
        "birth triggers",
        "obfuscated at and dot",
        "street particles",
        "random unicode",
    };

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Detect_on_a_megabyte_of_adversarial_text_completes_quickly(string name)
    {
        string text = Adversarial(name);
        var stopwatch = Stopwatch.StartNew();
        var findings = Detector.Detect(text);
        var shouting = Shouting.Evaluate(text);
        stopwatch.Stop();
        output.WriteLine($"{name}: {text.Length:N0} chars, {findings.Count:N0} findings, shouting={shouting.IsShouting}, {stopwatch.ElapsedMilliseconds} ms");
        AssertWellFormed(text, findings);
        Assert.True(stopwatch.Elapsed < Guard, $"{name} took {stopwatch.Elapsed}");
    }

    private static string Adversarial(string name)
    {
        var random = new Random(176);
        return name switch
        {
            "digits and spaces" => Fill(i => random.Next(4) == 0 ? ' ' : (char)('0' + random.Next(10))),
            "digits" => new string('7', OneMegabyte),
            "a@a.a@" => Repeat("a@a.a@"),
            "phones" => Repeat("819 555 0199 "),
            "plates near their context word" => Repeat("plaque ABC 123 "),
            "birth triggers" => Repeat("né le né le 4 mars 1958 "),
            "obfuscated at and dot" => Repeat("a [at] b [dot] c arobase d point "),
            "street particles" => Repeat("12 rue de la de la Principale Sud Nord "),
            _ => Fill(_ => (char)random.Next(0, 0x10000)),
        };

        static string Repeat(string unit)
        {
            var sb = new StringBuilder(OneMegabyte + unit.Length);
            while (sb.Length < OneMegabyte)
            {
                sb.Append(unit);
            }

            return sb.ToString();
        }

        static string Fill(Func<int, char> next)
        {
            var chars = new char[OneMegabyte];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = next(i);
            }

            return new string(chars);
        }
    }

    private static void AssertWellFormed(string text, IReadOnlyList<PersonalInfoFinding> findings)
    {
        int previousEnd = 0;
        foreach (var finding in findings)
        {
            Assert.True(finding.Length > 0);
            Assert.InRange(finding.Start, previousEnd, text.Length - finding.Length);
            Assert.InRange(finding.Confidence, 0.0, 1.0);
            previousEnd = finding.End;
        }
    }
}
