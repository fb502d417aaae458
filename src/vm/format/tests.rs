//! Tests of the formatting engines; expected values come from CPython 3.11.

use num_traits::Zero;

use super::float_repr::*;
use super::literal::*;
use super::percent::*;
use super::spec::*;
use super::str_format::*;
use super::*;

const REPRS: &[(f64, &str)] = &[
    (0.0, "0.0"),
    (-0.0, "-0.0"),
    (1.0, "1.0"),
    (-1.5, "-1.5"),
    (0.1, "0.1"),
    (0.3333333333333333, "0.3333333333333333"),
    (1e+16, "1e+16"),
    (1000000000000000.0, "1000000000000000.0"),
    (9999999999999998.0, "9999999999999998.0"),
    (0.0001, "0.0001"),
    (1e-05, "1e-05"),
    (1.5e-05, "1.5e-05"),
    (123456789.0, "123456789.0"),
    (5e-324, "5e-324"),
    (1.7976931348623157e+308, "1.7976931348623157e+308"),
    (2.2250738585072014e-308, "2.2250738585072014e-308"),
    (1e+22, "1e+22"),
    (1e+23, "1e+23"),
    (0.3, "0.3"),
    (1.152921504606847e+18, "1.152921504606847e+18"),
    (1300845872331343.2, "1300845872331343.2"),
    (-157136195109867.12, "-157136195109867.12"),
    (100.0, "100.0"),
    (1.2345678901234567e+19, "1.2345678901234567e+19"),
    (f64::INFINITY, "inf"),
    (f64::NEG_INFINITY, "-inf"),
    (f64::NAN, "nan"),
];
const FLOATS: &[(f64, &str, &str)] = &[
    (1e+16, "", "1e+16"),
    (1.0, "", "1.0"),
    (1.5, ".3", "1.5"),
    (1234567.0, ".3", "1.23e+06"),
    (123.0, ".3", "1.23e+02"),
    (1.5, ".0", "2e+00"),
    (0.1, ".30f", "0.100000000000000005551115123126"),
    (
        1e+300,
        "f",
        "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000",
    ),
    (
        5e-324,
        ".1100f",
        "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000494065645841246544176568792868221372365059802614324764425585682500675507270208751865299836361635992379796564695445717730926656710355939796398774796010781878126300713190311404527845817167848982103688718636056998730723050006387409153564984387312473397273169615140031715385398074126238565591171026658556686768187039560310624931945271591492455329305456544401127480129709999541931989409080416563324524757147869014726780159355238611550134803526493472019379026810710749170333222684475333572083243193609238289345836806010601150616980975307834227731832924790498252473077637592724787465608477820373446969953364701797267771758512566055119913150489110145103786273816725095583738973359899366480994116420570263709027924276754456522908753868250641971826553344726562500000000000000000000000000",
    ),
    (5e-324, ".20e", "4.94065645841246544177e-324"),
    (1.0, "e", "1.000000e+00"),
    (1e+100, ".0e", "1e+100"),
    (1e+100, "e", "1.000000e+100"),
    (1.0, "#.0e", "1.e+00"),
    (2.5, ".0f", "2"),
    (0.5, ".0f", "0"),
    (1.5, ".0f", "2"),
    (0.125, ".2f", "0.12"),
    (0.375, ".2f", "0.38"),
    (2.675, ".2f", "2.67"),
    (0.0001, "g", "0.0001"),
    (1e-05, "g", "1e-05"),
    (123456.0, "g", "123456"),
    (1234567.0, "g", "1.23457e+06"),
    (1.0, "#g", "1.00000"),
    (1e-10, "#.3g", "1.00e-10"),
    (100.0, ".2g", "1e+02"),
    (0.0, "g", "0"),
    (-0.0, "g", "-0"),
    (1.5, "G", "1.5"),
    (1e+20, "G", "1E+20"),
    (0.5, "%", "50.000000%"),
    (0.123456, ".1%", "12.3%"),
    (-0.0, ".1f", "-0.0"),
    (-0.0, "z.1f", "0.0"),
    (-0.0001, ".2f", "-0.00"),
    (-0.0001, "z.2f", "0.00"),
    (-0.0, "z", "0.0"),
    (-1e-10, "z.3e", "-1.000e-10"),
    (-0.001, "z.1%", "-0.1%"),
    (f64::NAN, "", "nan"),
    (f64::NAN, "+", "+nan"),
    (f64::NAN, "", "nan"),
    (f64::INFINITY, "010", "0000000inf"),
    (f64::NEG_INFINITY, "=+08", "-0000inf"),
    (f64::INFINITY, "F", "INF"),
    (f64::NAN, "E", "NAN"),
    (f64::INFINITY, "<8", "inf     "),
    (f64::NAN, "^9", "   nan   "),
    (1234567.891, ",", "1,234,567.891"),
    (1234567.891, "_", "1_234_567.891"),
    (1234567.891, ",.2f", "1,234,567.89"),
    (1234.5, "015,.2f", "0,000,001,234.50"),
    (-1234.5, "015,.2f", "-000,001,234.50"),
    (1234.5, "0=+15_.1f", "+0_000_001_234.5"),
    (1e+20, ",.0f", "100,000,000,000,000,000,000"),
    (12345.678, ",e", "1.234568e+04"),
    (12345.678, ",g", "12,345.7"),
    (1000000.0, ",%", "100,000,000.000000%"),
    (4.14159, "*^12.3f", "***4.142****"),
    (4.14159, "€>12.3f", "€€€€€€€4.142"),
    (4.14159, "🎉<12.3f", "4.142🎉🎉🎉🎉🎉🎉🎉"),
    (4.14159, "+", "+4.14159"),
    (4.14159, " ", " 4.14159"),
    (-4.14159, " ", "-4.14159"),
    (4.14159, "=10", "   4.14159"),
    (4.14159, "010", "0004.14159"),
    (-4.14159, "010.2f", "-000004.14"),
    (4.14159, "x=10", "xxx4.14159"),
    (1234.5678, "n", "1234.57"),
    (1234.5678, ".2n", "1.2e+03"),
    (1e+16, "n", "1e+16"),
    (123.0, ".10", "123.0"),
    (1e-05, "", "1e-05"),
    (1e-05, ".1", "1e-05"),
    (0.0, "", "0.0"),
    (0.0, ".0", "0e+00"),
    (0.0, "#.0", "0.e+00"),
    (9.5, ".0e", "1e+01"),
    (9.99, ".1f", "10.0"),
    (9.96, ".1f", "10.0"),
    (1000000000000000.0, ".16g", "1000000000000000"),
    (9007199254740992.0, ".17g", "9007199254740992"),
];
const INTS: &[(i64, &str, &str)] = &[
    (0, "", "0"),
    (-5, "", "-5"),
    (1234, "010,", "00,001,234"),
    (1234, "08,", "0,001,234"),
    (1234, "09,", "0,001,234"),
    (1234, "0=10,", "00,001,234"),
    (1234, "x=10,", "xxxxx1,234"),
    (1234, "<010,", "1,23400000"),
    (-1234, "010,", "-0,001,234"),
    (1234567, ",", "1,234,567"),
    (1234567, "_", "1_234_567"),
    (255, "b", "11111111"),
    (255, "#b", "0b11111111"),
    (255, "_b", "1111_1111"),
    (255, "#_b", "0b1111_1111"),
    (65535, "#_x", "0xffff"),
    (65535, "#X", "0XFFFF"),
    (-255, "#x", "-0xff"),
    (-255, "#010x", "-0x00000ff"),
    (-255, "#_o", "-0o377"),
    (255, "#o", "0o377"),
    (255, "09_b", "1111_1111"),
    (255, "#012_b", "0b0_1111_1111"),
    (65, "c", "A"),
    (8364, "c", "€"),
    (128137, "^5c", "  💉  "),
    (65, "05c", "0000A"),
    (65, "=5c", "    A"),
    (1234567, "n", "1234567"),
    (42, "+", "+42"),
    (42, " ", " 42"),
    (-42, " ", "-42"),
    (42, "-", "42"),
    (42, "+08", "+0000042"),
    (42, "*^9", "***42****"),
    (42, "=+8", "+     42"),
    (42, "<+8", "+42     "),
    (42, "e", "4.200000e+01"),
    (42, ".2f", "42.00"),
    (42, "%", "4200.000000%"),
    (1000000000000000000, "g", "1e+18"),
    (42, "G", "42"),
    (1, "10.0%", "      100%"),
    (123, "06.2f", "123.00"),
];
const BIGS: &[(&str, &str, &str)] = &[
    (
        "1000000000000000000000000000000",
        ",",
        "1,000,000,000,000,000,000,000,000,000,000",
    ),
    (
        "-1000000000000000000000000000000",
        "_",
        "-1_000_000_000_000_000_000_000_000_000_000",
    ),
    (
        "1267650600228229401496703205376",
        "#x",
        "0x10000000000000000000000000",
    ),
    (
        "1267650600228229401496703205376",
        "_X",
        "10_0000_0000_0000_0000_0000_0000",
    ),
    (
        "-147808829414345923316083210206383297601",
        "+045,",
        "-147,808,829,414,345,923,316,083,210,206,383,297,601",
    ),
    (
        "89884656743115795386465259539451236680898848947115328636715040578866337902750481566354238661203768010560056939935696678829394884407208311246423715319737062188883946712432742638151109800623047059726541476042502884419075341171231440736956555270413618581675255342293149119973622969239858152417678164812112068608",
        "e",
        "8.988466e+307",
    ),
    (
        "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368",
        ".3e",
        "1.798e+308",
    ),
    (
        "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858367",
        ".17e",
        "1.79769313486231571e+308",
    ),
    ("18446744073709553664", "e", "1.844674e+19"),
    ("18446744073709553665", ".20e", "1.84467440737095557120e+19"),
    (
        "100000000000000000000000000000000000000000000000000",
        "",
        "100000000000000000000000000000000000000000000000000",
    ),
    (
        "-18446744073709551616",
        "b",
        "-10000000000000000000000000000000000000000000000000000000000000000",
    ),
];
const STRS: &[(&str, &str, &str)] = &[
    ("abc", "", "abc"),
    ("abc", "5", "abc  "),
    ("abc", ">5", "  abc"),
    ("abc", "^6", " abc  "),
    ("abc", "*^7", "**abc**"),
    ("abc", ".2", "ab"),
    ("abc", "5.1", "a    "),
    ("héllo", ".3", "hél"),
    ("ab", "05", "ab000"),
    ("ab", "0>5", "000ab"),
    ("🎉", "3", "🎉  "),
    ("abc", "s", "abc"),
    ("abc", "€<6s", "abc€€€"),
    ("", "3", "   "),
    ("x", "^4", " x  "),
];
const ERRS: &[(char, &str, &str, FormatErrorKind, &str)] = &[
    (
        'I',
        "1",
        "abc",
        FormatErrorKind::Value,
        "Invalid format specifier 'abc' for object of type 'int'",
    ),
    (
        'F',
        "1.5",
        "abc",
        FormatErrorKind::Value,
        "Invalid format specifier 'abc' for object of type 'float'",
    ),
    (
        'S',
        "s",
        "abc",
        FormatErrorKind::Value,
        "Invalid format specifier 'abc' for object of type 'str'",
    ),
    (
        'S',
        "s",
        " ",
        FormatErrorKind::Value,
        "Space not allowed in string format specifier",
    ),
    (
        'S',
        "s",
        "+",
        FormatErrorKind::Value,
        "Sign not allowed in string format specifier",
    ),
    (
        'S',
        "s",
        "z",
        FormatErrorKind::Value,
        "Negative zero coercion (z) not allowed in string format specifier",
    ),
    (
        'S',
        "s",
        "#",
        FormatErrorKind::Value,
        "Alternate form (#) not allowed in string format specifier",
    ),
    (
        'S',
        "s",
        "=",
        FormatErrorKind::Value,
        "'=' alignment not allowed in string format specifier",
    ),
    (
        'I',
        "1",
        ".2",
        FormatErrorKind::Value,
        "Precision not allowed in integer format specifier",
    ),
    (
        'I',
        "1",
        "z",
        FormatErrorKind::Value,
        "Negative zero coercion (z) not allowed in integer format specifier",
    ),
    (
        'I',
        "65",
        "+c",
        FormatErrorKind::Value,
        "Sign not allowed with integer format specifier 'c'",
    ),
    (
        'I',
        "65",
        "#c",
        FormatErrorKind::Value,
        "Alternate form (#) not allowed with integer format specifier 'c'",
    ),
    (
        'I',
        "1",
        ",c",
        FormatErrorKind::Value,
        "Cannot specify ',' with 'c'.",
    ),
    (
        'I',
        "1",
        "_c",
        FormatErrorKind::Value,
        "Cannot specify '_' with 'c'.",
    ),
    (
        'I',
        "1",
        ",_",
        FormatErrorKind::Value,
        "Cannot specify both ',' and '_'.",
    ),
    (
        'I',
        "1",
        "_,",
        FormatErrorKind::Value,
        "Cannot specify both ',' and '_'.",
    ),
    (
        'I',
        "1",
        ",n",
        FormatErrorKind::Value,
        "Cannot specify ',' with 'n'.",
    ),
    (
        'I',
        "1",
        "_n",
        FormatErrorKind::Value,
        "Cannot specify '_' with 'n'.",
    ),
    (
        'F',
        "1.5",
        "d",
        FormatErrorKind::Value,
        "Unknown format code 'd' for object of type 'float'",
    ),
    (
        'I',
        "1",
        "\u{1}",
        FormatErrorKind::Value,
        "Unknown format code '\\x1' for object of type 'int'",
    ),
    (
        'I',
        "1",
        "é",
        FormatErrorKind::Value,
        "Unknown format code '\\xe9' for object of type 'int'",
    ),
    (
        'S',
        "s",
        ",",
        FormatErrorKind::Value,
        "Cannot specify ',' with 's'.",
    ),
    (
        'I',
        "1",
        ".",
        FormatErrorKind::Value,
        "Format specifier missing precision",
    ),
    (
        'I',
        "1",
        "99999999999999999999",
        FormatErrorKind::Value,
        "Too many decimal digits in format string",
    ),
    (
        'F',
        "1.5",
        ".99999999999999999999",
        FormatErrorKind::Value,
        "Too many decimal digits in format string",
    ),
    (
        'F',
        "1.5",
        ".3000000000f",
        FormatErrorKind::Value,
        "precision too big",
    ),
    (
        'I',
        "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "f",
        FormatErrorKind::Overflow,
        "int too large to convert to float",
    ),
    (
        'I',
        "-1",
        "c",
        FormatErrorKind::Overflow,
        "%c arg not in range(0x110000)",
    ),
    (
        'I',
        "1114112",
        "c",
        FormatErrorKind::Overflow,
        "%c arg not in range(0x110000)",
    ),
    (
        'I',
        "1180591620717411303424",
        "c",
        FormatErrorKind::Overflow,
        "Python int too large to convert to C long",
    ),
    (
        'I',
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
        "e",
        FormatErrorKind::Overflow,
        "int too large to convert to float",
    ),
    (
        'F',
        "1.5",
        "c",
        FormatErrorKind::Value,
        "Unknown format code 'c' for object of type 'float'",
    ),
    (
        'I',
        "1",
        "ns",
        FormatErrorKind::Value,
        "Invalid format specifier 'ns' for object of type 'int'",
    ),
    (
        'S',
        "s",
        "d",
        FormatErrorKind::Value,
        "Unknown format code 'd' for object of type 'str'",
    ),
    (
        'I',
        "1",
        ",,",
        FormatErrorKind::Value,
        "Cannot specify ',' with ','.",
    ),
    (
        'F',
        "1.0",
        "x",
        FormatErrorKind::Value,
        "Unknown format code 'x' for object of type 'float'",
    ),
    (
        'I',
        "1",
        "5 ",
        FormatErrorKind::Value,
        "Unknown format code '\\x20' for object of type 'int'",
    ),
    (
        'I',
        "1",
        ",s",
        FormatErrorKind::Value,
        "Cannot specify ',' with 's'.",
    ),
    (
        'F',
        "1.0",
        "_x",
        FormatErrorKind::Value,
        "Unknown format code 'x' for object of type 'float'",
    ),
];
const PERCENT: &[(&str, char, &str, &str)] = &[
    ("%d", 'i', "42", "42"),
    ("%5d|", 'i', "42", "   42|"),
    ("%-5d|", 'i', "42", "42   |"),
    ("%05d", 'i', "-42", "-0042"),
    ("%+d", 'i', "42", "+42"),
    ("% d", 'i', "42", " 42"),
    ("%.5d", 'i', "-42", "-00042"),
    ("%x", 'i', "255", "ff"),
    ("%#x", 'i', "255", "0xff"),
    ("%#X", 'i', "255", "0XFF"),
    ("%#08x", 'i', "-255", "-0x000ff"),
    ("%+#10X", 'i', "255", "     +0XFF"),
    ("%o", 'i', "8", "10"),
    ("%#o", 'i', "-8", "-0o10"),
    ("%#08o", 'i', "8", "0o000010"),
    ("%#.5x", 'i', "255", "0x000ff"),
    ("%-05d|", 'i', "3", "3    |"),
    ("%ld", 'i', "7", "7"),
    ("%u", 'i', "-7", "-7"),
    ("%i", 'i', "7", "7"),
    ("%d", 'f', "3.7", "3"),
    ("%d", 'f', "-3.7", "-3"),
    ("%i", 'f', "1e+20", "100000000000000000000"),
    ("%f", 'f', "4.14159", "4.141590"),
    ("%.2f", 'f', "2.675", "2.67"),
    ("%e", 'f', "12345.678", "1.234568e+04"),
    ("%E", 'f', "1e-10", "1.000000E-10"),
    ("%g", 'f', "1e-05", "1e-05"),
    ("%G", 'f', "1e+20", "1E+20"),
    ("%#g", 'f', "1.0", "1.00000"),
    ("%#.0f", 'f', "2.0", "2."),
    ("%.0e", 'f', "2.5", "2e+00"),
    ("%10.3f|", 'f', "-4.14159", "    -4.142|"),
    ("%-10.3f|", 'f', "4.14159", "4.142     |"),
    ("%+010.3f", 'f', "4.14159", "+00004.142"),
    ("% .3f", 'f', "4.14159", " 4.142"),
    ("%f", 'f', "inf", "inf"),
    ("%F", 'f', "nan", "NAN"),
    ("%05f", 'f', "-inf", "-0inf"),
    ("%f", 'i', "42", "42.000000"),
    ("%e", 'i', "100000000000000000000", "1.000000e+20"),
    ("%s", 's', "abc", "abc"),
    ("%5s|", 's', "abc", "  abc|"),
    ("%-5s|", 's', "abc", "abc  |"),
    ("%.2s", 's', "abc", "ab"),
    ("%05s", 's', "ab", "   ab"),
    ("%+s", 's', "ab", "ab"),
    ("%s", 'i', "42", "42"),
    ("%s", 'f', "1.5", "1.5"),
    ("%c", 'i', "65", "A"),
    ("%c", 's', "é", "é"),
    ("%5c|", 'i', "8364", "    €|"),
    ("%-3c|", 's', "x", "x  |"),
    ("%05c", 'i', "65", "    A"),
    ("100%%", 'i', "0", "100%"),
    ("%(a)s", 'i', "5", "5"),
    ("%(a)05d", 'i', "5", "00005"),
];
const PERCENT_ERRS: &[(&str, char, &str, FormatErrorKind, &str)] = &[
    (
        "%d",
        's',
        "a",
        FormatErrorKind::Type,
        "%d format: a real number is required, not str",
    ),
    (
        "%x",
        'f',
        "1.5",
        FormatErrorKind::Type,
        "%x format: an integer is required, not float",
    ),
    (
        "%X",
        's',
        "a",
        FormatErrorKind::Type,
        "%X format: an integer is required, not str",
    ),
    (
        "%d",
        'f',
        "inf",
        FormatErrorKind::Overflow,
        "cannot convert float infinity to integer",
    ),
    (
        "%d",
        'f',
        "nan",
        FormatErrorKind::Value,
        "cannot convert float NaN to integer",
    ),
    (
        "%e",
        'i',
        "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        FormatErrorKind::Overflow,
        "int too large to convert to float",
    ),
    (
        "%f",
        's',
        "a",
        FormatErrorKind::Type,
        "must be real number, not str",
    ),
    (
        "%c",
        'i',
        "1114112",
        FormatErrorKind::Overflow,
        "%c arg not in range(0x110000)",
    ),
    (
        "%c",
        'i',
        "-1",
        FormatErrorKind::Overflow,
        "%c arg not in range(0x110000)",
    ),
    (
        "%c",
        'f',
        "1.5",
        FormatErrorKind::Type,
        "%c requires int or char",
    ),
    (
        "%c",
        's',
        "ab",
        FormatErrorKind::Type,
        "%c requires int or char",
    ),
    (
        "%y",
        'i',
        "1",
        FormatErrorKind::Value,
        "unsupported format character 'y' (0x79) at index 1",
    ),
    (
        "%5%",
        'i',
        "1",
        FormatErrorKind::Value,
        "unsupported format character '%' (0x25) at index 2",
    ),
    (
        "%é",
        'i',
        "1",
        FormatErrorKind::Value,
        "unsupported format character '?' (0xe9) at index 1",
    ),
    (
        "%\u{1f}",
        'i',
        "1",
        FormatErrorKind::Value,
        "unsupported format character '\u{1f}' (0x1f) at index 1",
    ),
    (
        "ab%lld",
        'i',
        "1",
        FormatErrorKind::Value,
        "unsupported format character 'l' (0x6c) at index 4",
    ),
];
const PERCENT_PARSE_ERRS: &[(&str, &str)] = &[
    ("%", "incomplete format"),
    ("ab%", "incomplete format"),
    ("%(a", "incomplete format key"),
    ("%(a)", "incomplete format"),
    ("%.", "incomplete format"),
    ("%.*", "incomplete format"),
    ("%l", "incomplete format"),
    ("%5", "incomplete format"),
    ("%-", "incomplete format"),
    ("%*", "incomplete format"),
    ("%99999999999999999999d", "width too big"),
    ("%.99999999999d", "precision too big"),
];
const FORMAT_STRINGS: &[(&str, Result<&str, &str>)] = &[
    ("", Ok("")),
    ("abc", Ok("L:abc|")),
    ("{}", Ok("F:!:|")),
    (
        "{0} {name!r:>{width}} {{ }}",
        Ok("F:0!:|L: |F:name!r:>{width}|L: { }|"),
    ),
    ("{a[}]}", Ok("F:a[}]!:|")),
    ("{x[1].y!s}", Ok("F:x[1].y!s:|")),
    ("{:{}{}}", Ok("F:!:{}{}|")),
    ("{!r:}", Ok("F:!r:|")),
    ("a{{b}}c", Ok("L:a{b}c|")),
    ("{0:{1:{2}}}", Ok("F:0!:{1:{2}}|")),
    ("{:}}", Err("Single '}' encountered in format string")),
    ("{a[]}", Ok("F:a[]!:|")),
    ("{0!a}", Ok("F:0!a:|")),
    ("{:%Y-%m}", Ok("F:!:%Y-%m|")),
    ("}}{{", Ok("L:}{|")),
    ("{!r", Err("unmatched '{' in format spec")),
    ("{!}", Err("unmatched '{' in format spec")),
    (
        "{!",
        Err("end of string while looking for conversion specifier"),
    ),
    ("{:", Err("unmatched '{' in format spec")),
    ("{0!r:", Err("unmatched '{' in format spec")),
    ("{0!rx}", Err("expected ':' after conversion specifier")),
    ("{a[}", Err("expected '}' before end of string")),
    ("{a{", Err("unexpected '{' in field name")),
    ("x}", Err("Single '}' encountered in format string")),
    ("}}{", Err("Single '{' encountered in format string")),
    ("{}}", Err("Single '}' encountered in format string")),
    ("{0:{{}}", Err("unmatched '{' in format spec")),
    ("{0!}", Err("unmatched '{' in format spec")),
    ("{", Err("Single '{' encountered in format string")),
    ("}", Err("Single '}' encountered in format string")),
    ("a{b", Err("expected '}' before end of string")),
];
const FLOAT_LITERALS: &[(&str, Option<f64>)] = &[
    ("1.5", Some(1.5)),
    (" 1.5 ", Some(1.5)),
    ("\t-2e3\n", Some(-2000.0)),
    ("1_000.5", Some(1000.5)),
    ("1__0", None),
    ("_1", None),
    ("1_", None),
    ("1_e5", None),
    ("1e_5", None),
    ("1e5_0", Some(1e+50)),
    ("", None),
    (" ", None),
    (".5", Some(0.5)),
    ("5.", Some(5.0)),
    (".", None),
    ("e5", None),
    ("1e", None),
    ("1e+", None),
    ("+inf", Some(f64::INFINITY)),
    ("-Infinity", Some(f64::NEG_INFINITY)),
    ("nan", Some(f64::NAN)),
    ("-NaN", Some(f64::NAN)),
    ("infinit", None),
    ("in_f", None),
    ("0x10", None),
    ("1e500", Some(f64::INFINITY)),
    ("-1e-500", Some(-0.0)),
    ("١٢.5", Some(12.5)),
    (" 1.5 ", Some(1.5)),
    ("1\u{1c}", None),
    ("1.5e-3", Some(0.0015)),
    ("+.5e+2", Some(50.0)),
    ("++1", None),
    ("1.5.2", None),
    ("١_٢", Some(12.0)),
    ("0_0.0_0", Some(0.0)),
    ("i", None),
    (
        "12345678901234567890123456789e-10",
        Some(1.2345678901234568e+18),
    ),
];
const INT_LITERALS: &[(&str, u32, Option<&str>)] = &[
    ("12", 10, Some("12")),
    (" -12 ", 10, Some("-12")),
    ("+0x1f", 16, Some("31")),
    ("0x1f", 0, Some("31")),
    ("0x1f", 10, None),
    ("0o17", 0, Some("15")),
    ("0b101", 0, Some("5")),
    ("0B_101", 0, Some("5")),
    ("010", 0, None),
    ("000", 0, Some("0")),
    ("0_0", 0, Some("0")),
    ("00", 0, Some("0")),
    ("1_000", 10, Some("1000")),
    ("1__0", 10, None),
    ("_1", 10, None),
    ("1_", 10, None),
    ("0x_1f", 16, Some("31")),
    ("0x__1f", 16, None),
    ("z", 36, Some("35")),
    ("Z", 36, Some("35")),
    ("z", 35, None),
    ("", 10, None),
    ("-", 10, None),
    ("- 1", 10, None),
    ("12", 2, None),
    ("101", 2, Some("5")),
    ("١٢", 10, Some("12")),
    ("１２", 16, Some("18")),
    ("1 2", 10, None),
    ("0x", 16, None),
    (
        "123456789012345678901234567890",
        10,
        Some("123456789012345678901234567890"),
    ),
    ("7", 8, Some("7")),
    ("0o7", 8, Some("7")),
    ("0o7", 10, None),
    ("1\u{1c}", 10, None),
];

fn big(s: &str) -> BigInt {
    s.parse().unwrap()
}

fn arg_of<'a>(t: char, v: &'a str, b: &'a BigInt) -> FormatArg<'a> {
    match t {
        'f' | 'F' => FormatArg::Float(v.parse().unwrap()),
        'i' | 'I' => FormatArg::Int(b),
        _ => FormatArg::Str(v),
    }
}

/// Formats a `%` string holding one argument, as an interpreter would.
fn percent(fmt: &str, arg: FormatArg) -> Result<String, FormatError> {
    let mut out = String::new();
    for piece in parse_percent(fmt)? {
        match piece {
            PercentPiece::Literal(l) => out.push_str(&l),
            PercentPiece::Spec(s) => {
                let fixed = |c: Option<Count>| match c {
                    Some(Count::Fixed(n)) => Some(n),
                    _ => None,
                };
                out.push_str(&format_percent_spec(
                    &s,
                    fixed(s.width),
                    fixed(s.precision),
                    arg,
                )?);
            }
        }
    }
    Ok(out)
}

#[test]
fn repr_matches_cpython() {
    for &(x, want) in REPRS {
        assert_eq!(float_repr(x), want, "repr({:?})", x);
    }
}

#[test]
fn float_specs_match_cpython() {
    for &(x, spec, want) in FLOATS {
        let got = format_spec(FormatArg::Float(x), spec);
        assert_eq!(got.as_deref(), Ok(want), "format({:?}, {:?})", x, spec);
    }
}

#[test]
fn int_specs_match_cpython() {
    for &(v, spec, want) in INTS {
        assert_eq!(
            format_i64(v, spec).as_deref(),
            Ok(want),
            "format({}, {:?})",
            v,
            spec
        );
        let b = BigInt::from(v);
        let got = format_spec(FormatArg::Int(&b), spec);
        assert_eq!(got.as_deref(), Ok(want), "format(big {}, {:?})", v, spec);
    }
    for &(v, spec, want) in BIGS {
        let b = big(v);
        let got = format_spec(FormatArg::Int(&b), spec);
        assert_eq!(got.as_deref(), Ok(want), "format({}, {:?})", v, spec);
    }
}

#[test]
fn str_specs_match_cpython() {
    for &(v, spec, want) in STRS {
        let got = format_spec(FormatArg::Str(v), spec);
        assert_eq!(got.as_deref(), Ok(want), "format({:?}, {:?})", v, spec);
    }
}

#[test]
fn spec_errors_match_cpython() {
    for &(t, v, spec, kind, msg) in ERRS {
        let b = if t == 'I' { big(v) } else { BigInt::zero() };
        let err = format_spec(arg_of(t, v, &b), spec).unwrap_err();
        assert_eq!(
            (err.kind, err.msg.as_str()),
            (kind, msg),
            "format({}, {:?})",
            v,
            spec
        );
    }
}

#[test]
fn huge_ints_format() {
    let b = BigInt::from(10).pow(5000u32) - 1;
    let s = format_spec(FormatArg::Int(&b), ",").unwrap();
    assert_eq!(s.len(), 5000 + 1666);
    assert!(s.starts_with("99,999,") && s.ends_with(",999"));
    let s = format_spec(FormatArg::Int(&b), "x").unwrap();
    assert_eq!(BigInt::parse_bytes(s.as_bytes(), 16), Some(b));
}

#[test]
fn absurd_counts_are_refused() {
    let e = format_i64(1, "1000000000").unwrap_err();
    assert_eq!(e.msg, "Too many decimal digits in format string");
    let e = format_spec(FormatArg::Float(1.0), ".1000000000f").unwrap_err();
    assert_eq!(e.msg, "precision too big");
    // Large but sane precisions work beyond Rust's own 65535 limit.
    let s = format_spec(FormatArg::Float(0.5), ".70000f").unwrap();
    assert_eq!(s.len(), 70002);
    assert!(s.starts_with("0.5000"));
    // A string's precision only truncates.
    assert_eq!(
        format_spec(FormatArg::Str("ab"), ".99999999999").unwrap(),
        "ab"
    );
}

#[test]
fn percent_matches_cpython() {
    for &(fmt, t, v, want) in PERCENT {
        let b = if t == 'i' { big(v) } else { BigInt::zero() };
        assert_eq!(
            percent(fmt, arg_of(t, v, &b)).as_deref(),
            Ok(want),
            "{:?} % {}",
            fmt,
            v
        );
    }
    for &(fmt, t, v, kind, msg) in PERCENT_ERRS {
        let b = if t == 'i' { big(v) } else { BigInt::zero() };
        let err = percent(fmt, arg_of(t, v, &b)).unwrap_err();
        assert_eq!(
            (err.kind, err.msg.as_str()),
            (kind, msg),
            "{:?} % {}",
            fmt,
            v
        );
    }
    for &(fmt, msg) in PERCENT_PARSE_ERRS {
        assert_eq!(parse_percent(fmt).unwrap_err().msg, msg, "{:?}", fmt);
    }
}

#[test]
fn percent_parse_structure() {
    let pieces = parse_percent("a%(k)-+ #012.*lf%%b%*s").unwrap();
    let spec = PercentSpec {
        key: Some("k".into()),
        flags: PercentFlags {
            ljust: true,
            sign: true,
            blank: true,
            alt: true,
            zero: true,
        },
        width: Some(Count::Fixed(12)),
        precision: Some(Count::Star),
        conv: 'f',
        index: 15,
    };
    let spec2 = PercentSpec {
        key: None,
        flags: PercentFlags::default(),
        width: Some(Count::Star),
        precision: None,
        conv: 's',
        index: 21,
    };
    assert_eq!(
        pieces,
        vec![
            PercentPiece::Literal("a".into()),
            PercentPiece::Spec(spec),
            PercentPiece::Literal("%b".into()),
            PercentPiece::Spec(spec2.clone()),
        ]
    );
    // Negative `*` width left-justifies; negative precision is 0.
    let s = format_percent_spec_signed(&spec2, Some(-5), None, FormatArg::Str("ab")).unwrap();
    assert_eq!(s, "ab   ");
    // Lenient parsing keeps what came before a structural error.
    let (pieces, err) = parse_percent_lenient("%d %y %");
    assert_eq!(pieces.len(), 4);
    assert_eq!(err.unwrap().msg, "incomplete format");
}

fn pieces_text(pieces: &[FormatPiece]) -> String {
    let mut s = String::new();
    for p in pieces {
        match p {
            FormatPiece::Literal(l) => s.push_str(&format!("L:{}|", l)),
            FormatPiece::Field {
                name,
                conversion,
                spec,
            } => {
                let conv = conversion.map(String::from).unwrap_or_default();
                s.push_str(&format!("F:{}!{}:{}|", name, conv, spec));
            }
        }
    }
    s
}

#[test]
fn format_strings_match_cpython() {
    for &(f, want) in FORMAT_STRINGS {
        let got = parse_format_string(f).map(|p| pieces_text(&p));
        let got = got.as_deref().map_err(|e| e.msg.as_str());
        assert_eq!(got, want, "{:?}", f);
    }
}

#[test]
fn literals_match_cpython() {
    for &(s, want) in FLOAT_LITERALS {
        let got = parse_float_literal(s);
        match (got, want) {
            (Some(g), Some(w)) if w.is_nan() => assert!(g.is_nan(), "float({:?})", s),
            _ => assert_eq!(
                got.map(f64::to_bits),
                want.map(f64::to_bits),
                "float({:?})",
                s
            ),
        }
    }
    for &(s, base, want) in INT_LITERALS {
        let got = parse_int_literal(s, base).map(|v| v.to_string());
        assert_eq!(got.as_deref(), want, "int({:?}, {})", s, base);
    }
}

#[test]
fn bigint_to_f64_rounds_half_even() {
    let two = BigInt::from(2);
    let p = |e: u32| two.pow(e);
    assert_eq!(
        bigint_to_f64(&(p(64) + p(11))),
        Some(18446744073709551616.0)
    );
    assert_eq!(
        bigint_to_f64(&(p(64) + p(11) + 1)),
        Some(18446744073709555712.0)
    );
    assert_eq!(bigint_to_f64(&(p(1024) - p(971))), Some(f64::MAX));
    assert_eq!(bigint_to_f64(&(p(1024) - p(970))), None);
    assert_eq!(bigint_to_f64(&-(p(1023))), Some(-(2f64.powi(1023))));
}

/// xorshift64*: a tiny deterministic generator for the fuzz tests.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick(&mut self, chars: &[char]) -> char {
        chars[(self.next() % chars.len() as u64) as usize]
    }
    fn text(&mut self, chars: &[char], max: u64) -> String {
        let n = self.next() % (max + 1);
        (0..n).map(|_| self.pick(chars)).collect()
    }
}

#[test]
fn fuzz_never_panics() {
    let spec_chars: Vec<char> = "<>=^+- z#0123456789,_.bcdeEfFgGnosxX%é\u{661}{}!:[]()*lh\u{0}"
        .chars()
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let b = BigInt::parse_bytes(b"-123456789012345678901234567890", 10).unwrap();
    let floats = [
        0.0,
        -0.0,
        1.5,
        -2.5e-300,
        1e300,
        f64::NAN,
        f64::INFINITY,
        5e-324,
    ];
    for _ in 0..20000 {
        let spec = rng.text(&spec_chars, 10);
        let x = floats[(rng.next() % floats.len() as u64) as usize];
        let v = rng.next() as i64;
        let _ = format_spec(FormatArg::Float(x), &spec);
        let _ = format_spec(FormatArg::Int(&b), &spec);
        let _ = format_i64(v, &spec);
        let _ = format_spec(FormatArg::Str("héllo"), &spec);
        let fmt = format!("%{}", spec);
        if let Ok(pieces) = parse_percent(&fmt) {
            for p in pieces {
                if let PercentPiece::Spec(s) = p {
                    let w = Some((rng.next() % 50) as i64 - 25);
                    let _ = format_percent_spec_signed(&s, w, w, FormatArg::Float(x));
                    let _ = format_percent_spec_signed(&s, w, w, FormatArg::Int(&b));
                    let _ = format_percent_spec_signed(&s, w, w, FormatArg::Str("é"));
                }
            }
        }
        let _ = parse_percent_lenient(&spec);
        let _ = parse_format_string(&spec);
        let _ = parse_float_literal(&spec);
        let _ = parse_int_literal(&spec, (rng.next() % 38) as u32);
    }
}
