namespace NetiquetteML.Scoring.Rules;

/// <summary>The Luhn (mod 10) checksum used by social insurance numbers and payment cards.</summary>
internal static class Luhn
{
    /// <summary>True when the ASCII digits pass the Luhn check. Non-digits make it false.</summary>
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            return false;
        }

        int sum = 0;
        bool doubleIt = false;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
