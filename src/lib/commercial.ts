// Official accounts carry no paid promotion (a Polda's own rule). These patterns flag texts that
// look commercial so the approver sees why; the approver decides, nothing is blocked.
const patterns: { flag: string; re: RegExp }[] = [
  { flag: "discount", re: /\b(diskon|discount|potongan harga|cashback|voucher|kupon)\b/i },
  {
    flag: "promo",
    re: /\b(promo|sale|flash ?sale|harga spesial|harga khusus|beli sekarang|order sekarang|gratis ongkir|free ongkir)\b/i,
  },
  {
    flag: "endorsement",
    re: /\b(endorse(ment)?|paid promote|sponsored|disponsori|bersponsor|#ad|#iklan|kerja ?sama berbayar)\b/i,
  },
  {
    flag: "shopLink",
    re: /\b(shopee\.co\.id|tokopedia\.com|tokopedia\.link|lazada\.co\.id|bukalapak\.com|blibli\.com|tiktok\.com\/@[\w.]+\/shop|shp\.ee|s\.shopee)\b/i,
  },
];

export function commercialFlags(...texts: (string | null | undefined)[]): string[] {
  const all = texts.filter(Boolean).join("\n");
  return patterns.filter((p) => p.re.test(all)).map((p) => p.flag);
}
