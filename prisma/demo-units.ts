// The demo organisation of docs/product.md: Mabes Polri with its 34 Polda, the Polres of two Polda,
// and Pemprov DKI Jakarta with its agencies and administrative cities.
type Zone = "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";

export type DemoUnit = { code: string; name: string; kind: string; timeZone?: Zone; children?: DemoUnit[] };

const wib: Zone = "Asia/Jakarta";
const wita: Zone = "Asia/Makassar";
const wit: Zone = "Asia/Jayapura";

const poldaZones: [string, string, Zone][] = [
  ["ACEH", "Aceh", wib],
  ["SUMUT", "Sumatera Utara", wib],
  ["SUMBAR", "Sumatera Barat", wib],
  ["RIAU", "Riau", wib],
  ["KEPRI", "Kepulauan Riau", wib],
  ["JAMBI", "Jambi", wib],
  ["SUMSEL", "Sumatera Selatan", wib],
  ["BENGKULU", "Bengkulu", wib],
  ["LAMPUNG", "Lampung", wib],
  ["BABEL", "Kepulauan Bangka Belitung", wib],
  ["METRO", "Metro Jaya", wib],
  ["JABAR", "Jawa Barat", wib],
  ["BANTEN", "Banten", wib],
  ["JATENG", "Jawa Tengah", wib],
  ["DIY", "DI Yogyakarta", wib],
  ["JATIM", "Jawa Timur", wib],
  ["KALBAR", "Kalimantan Barat", wib],
  ["KALTENG", "Kalimantan Tengah", wib],
  ["BALI", "Bali", wita],
  ["NTB", "Nusa Tenggara Barat", wita],
  ["NTT", "Nusa Tenggara Timur", wita],
  ["KALSEL", "Kalimantan Selatan", wita],
  ["KALTIM", "Kalimantan Timur", wita],
  ["KALTARA", "Kalimantan Utara", wita],
  ["SULUT", "Sulawesi Utara", wita],
  ["GORONTALO", "Gorontalo", wita],
  ["SULTENG", "Sulawesi Tengah", wita],
  ["SULBAR", "Sulawesi Barat", wita],
  ["SULSEL", "Sulawesi Selatan", wita],
  ["SULTRA", "Sulawesi Tenggara", wita],
  ["MALUKU", "Maluku", wit],
  ["MALUT", "Maluku Utara", wit],
  ["PAPUA", "Papua", wit],
  ["PABAR", "Papua Barat", wit],
];

const polres: Record<string, [string, string][]> = {
  KALTIM: [
    ["BALIKPAPAN", "Polresta Balikpapan"],
    ["SAMARINDA", "Polresta Samarinda"],
    ["KUKAR", "Polres Kutai Kartanegara"],
    ["KUTIM", "Polres Kutai Timur"],
    ["KUBAR", "Polres Kutai Barat"],
    ["BERAU", "Polres Berau"],
    ["PASER", "Polres Paser"],
    ["PPU", "Polres Penajam Paser Utara"],
    ["BONTANG", "Polres Bontang"],
    ["MAHULU", "Polres Mahakam Ulu"],
  ],
  SUMSEL: [
    ["PALEMBANG", "Polrestabes Palembang"],
    ["OKI", "Polres Ogan Komering Ilir"],
    ["MUARAENIM", "Polres Muara Enim"],
    ["LAHAT", "Polres Lahat"],
    ["BANYUASIN", "Polres Banyuasin"],
    ["PRABUMULIH", "Polres Prabumulih"],
  ],
};

// Function units (kind FUNGSI, issue 16): the directorates of a Polda and the units of a Polres that answer
// what Humas forwards to them.
const functions: Record<string, [string, string][]> = {
  "POLDA-KALTIM": [
    ["KALTIM-DITRESKRIMUM", "Ditreskrimum Polda Kaltim"],
    ["KALTIM-DITLANTAS", "Ditlantas Polda Kaltim"],
    ["KALTIM-DITINTELKAM", "Ditintelkam Polda Kaltim"],
  ],
  "POLRES-BALIKPAPAN": [
    ["BALIKPAPAN-SATRESKRIM", "Satreskrim Polresta Balikpapan"],
    ["BALIKPAPAN-SATLANTAS", "Satlantas Polresta Balikpapan"],
  ],
};
const functionUnits = (code: string): DemoUnit[] =>
  (functions[code] ?? []).map(([c, n]) => ({ code: c, name: n, kind: "FUNGSI" }));

export const demoTree: DemoUnit[] = [
  {
    code: "MABES",
    name: "Mabes Polri",
    kind: "Mabes",
    timeZone: wib,
    children: [
      { code: "DIVHUMAS", name: "Divisi Humas Polri", kind: "Divisi" },
      ...poldaZones.map(([code, name, timeZone]) => ({
        code: `POLDA-${code}`,
        name: `Polda ${name}`,
        kind: "Polda",
        timeZone,
        children: [
          ...functionUnits(`POLDA-${code}`),
          ...(polres[code] ?? []).map(([c, n]) => ({
            code: `POLRES-${c}`,
            name: n,
            kind: n.startsWith("Polrestabes") ? "Polrestabes" : n.startsWith("Polresta") ? "Polresta" : "Polres",
            ...(c === "BALIKPAPAN"
              ? {
                  children: [
                    ...functionUnits("POLRES-BALIKPAPAN"),
                    { code: "POLSEK-BPPTENGAH", name: "Polsek Balikpapan Tengah", kind: "Polsek" },
                  ],
                }
              : {}),
          })),
        ],
      })),
    ],
  },
  {
    code: "DKI",
    name: "Pemprov DKI Jakarta",
    kind: "Pemprov",
    timeZone: wib,
    children: [
      ["DISKOMINFOTIK", "Dinas Komunikasi, Informatika dan Statistik", "Dinas"],
      ["DINKES", "Dinas Kesehatan", "Dinas"],
      ["DISDIK", "Dinas Pendidikan", "Dinas"],
      ["DISHUB", "Dinas Perhubungan", "Dinas"],
      ["DLH", "Dinas Lingkungan Hidup", "Dinas"],
      ["DINSOS", "Dinas Sosial", "Dinas"],
      ["DISPAREKRAF", "Dinas Pariwisata dan Ekonomi Kreatif", "Dinas"],
      ["DSDA", "Dinas Sumber Daya Air", "Dinas"],
      ["BINAMARGA", "Dinas Bina Marga", "Dinas"],
      ["BPBD", "Badan Penanggulangan Bencana Daerah", "Badan"],
      ["BAPENDA", "Badan Pendapatan Daerah", "Badan"],
      ["SATPOLPP", "Satuan Polisi Pamong Praja", "Satuan"],
      ["JAKPUS", "Kota Administrasi Jakarta Pusat", "Kota Administrasi"],
      ["JAKUT", "Kota Administrasi Jakarta Utara", "Kota Administrasi"],
      ["JAKBAR", "Kota Administrasi Jakarta Barat", "Kota Administrasi"],
      ["JAKSEL", "Kota Administrasi Jakarta Selatan", "Kota Administrasi"],
      ["JAKTIM", "Kota Administrasi Jakarta Timur", "Kota Administrasi"],
      ["SERIBU", "Kabupaten Administrasi Kepulauan Seribu", "Kabupaten Administrasi"],
    ].map(([code, name, kind]) => ({ code: `DKI-${code}`, name: name!, kind: kind! })),
  },
];
