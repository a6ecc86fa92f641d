// Generates N synthetic articles (SearchDoc JSON) from the seed newspaper
// pages, for measuring the search index before/without a full site build:
//   node bench/search-corpus.mjs SEEDS_DIR N > docs.json
//   cargo run --release --example search_index -- docs.json OUT
// Bodies are written by an order-3 character Markov chain trained on the
// seeds (fixed pseudo-random sequence): the characters and bigrams have the
// frequencies of real news, but long strings do not repeat across articles
// more than they would in real text (copying whole seed paragraphs would make
// every phrase appear in hundreds of articles). `--paragraphs` copies seed
// paragraphs instead. Titles are seed lines of 6–30 characters.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const copy = process.argv.includes('--paragraphs');
const [dir, nArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!dir || !nArg) {
  console.error('usage: node bench/search-corpus.mjs SEEDS_DIR N > docs.json');
  process.exit(2);
}
const paras = readdirSync(dir).sort().flatMap((f) => readFileSync(join(dir, f), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l.length > 0));
const long = paras.filter((p) => p.length > 40);
const short = paras.filter((p) => p.length >= 6 && p.length <= 30);
// mulberry32: a small PRNG whose low bits are not periodic like an LCG's.
let seed = 42;
const rand = (n) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) % n);
};
const provinces = { 安徽省: ['宣城市', '合肥市', '芜湖市'], 海南省: ['海口市', '三亚市'], 江苏省: ['苏州市', '南京市'], 广东省: ['广州市', '深圳市'] };
const programmes = [['产业工人队伍建设改革', 'chan-gai'], ['工会送温暖行动', 'song-wennuan'], ['劳模工匠进校园', 'laomo-xiaoyuan']];
const awards = [['全国五一劳动奖章', 'wuyi'], ['大国工匠', 'daguo-gongjiang'], ['技术状元', 'jishu-zhuangyuan']];
// Order-3 Markov chain over characters.
const ORDER = 3;
const chain = new Map();
for (const p of long) {
  const cs = [...p];
  for (let i = ORDER; i < cs.length; i++) {
    const k = cs.slice(i - ORDER, i).join('');
    (chain.get(k) || chain.set(k, []).get(k)).push(cs[i]);
  }
}
function markov(len) {
  const start = [...long[rand(long.length)]];
  const out = start.slice(0, ORDER);
  while (out.length < len) {
    const next = chain.get(out.slice(out.length - ORDER).join(''));
    if (!next) { out.push('。', ...[...long[rand(long.length)]].slice(0, ORDER)); continue; }
    out.push(next[rand(next.length)]);
  }
  return out.join('');
}
const paragraph = () => (copy ? long[rand(long.length)] : markov(60 + rand(240)));
const docs = [];
for (let i = 0; i < Number(nArg); i++) {
  const body = Array.from({ length: 4 + rand(10) }, paragraph);
  const prov = Object.keys(provinces)[rand(4)];
  const region = rand(3) ? [prov, provinces[prov][rand(provinces[prov].length)]] : [prov];
  const year = 2015 + rand(10);
  docs.push({
    url: `/articles/a${i}/`,
    title: short[rand(short.length)],
    summary: body[0].slice(0, 60),
    body: body.join('\n'),
    kind: ['news', 'feature', 'brief'][rand(3)],
    people: [],
    organisations: [],
    programmes: rand(3) ? [] : [programmes[rand(3)]],
    awards: rand(5) ? [] : [awards[rand(3)]],
    region,
    tags: [],
    date: `${year}-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`,
    year,
  });
}
process.stdout.write(JSON.stringify(docs));
