import { Random } from './random';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤';
const MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁健凯浩亮俊峰成龙林东文博宇轩晨阳振国建志海新德庆兴旭';
const FEMALE = '芳娜敏静丽艳娟霞燕玲婷雪慧琳颖倩洁红梅英兰萍晶莉璐佳欣怡悦琪';
const MOBILE = [
  ...['130', '131', '132', '133', '135', '136', '137', '138', '139'],
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...['180', '181', '182', '183', '185', '186', '187', '188', '189'],
];

/** A fictional person. */
export interface DemoPerson {
  name: string;
  /** 身份证号 (GB 11643), with a valid check character. */
  idNumber: string;
  phone: string | null;
}

function drawName(random: Random): { name: string; male: boolean } {
  const male = random.next() < 0.72;
  const given = male ? MALE : FEMALE;
  return { name: random.pick([...SURNAMES]) + random.pick([...given]) + (random.next() < 0.7 ? random.pick([...given]) : ''), male };
}

/** A fictional person's name (a contact person, say). */
export const personName = (random: Random): string => drawName(random).name;

/** A fictional mobile number. */
export const mobileNumber = (random: Random): string => `${random.pick(MOBILE)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;

/**
 * A fictional person drawn from `random`: a name, a 身份证号 born in one of `regions` (GB/T 2260)
 * and not in `taken` (added to it), a mobile number (most have one). Students are born 2004–2006,
 * others 1975–2002. `checkCharacter` computes the 18th character from the first 17 (the validator's
 * own function, so the demo and the importer cannot disagree).
 */
export function newPerson(
  random: Random,
  regions: readonly string[],
  student: boolean,
  taken: Set<string>,
  checkCharacter: (first17: string) => string,
): DemoPerson {
  const { name, male } = drawName(random);
  for (;;) {
    const year = student ? random.int(2004, 2006) : random.int(1975, 2002);
    const birth = `${year}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}`;
    const sequence = `${String(random.int(0, 99)).padStart(2, '0')}${random.int(0, 4) * 2 + (male ? 1 : 0)}`;
    const first17 = `${random.pick(regions)}${birth}${sequence}`;
    const idNumber = first17 + checkCharacter(first17);
    if (taken.has(idNumber)) continue;
    taken.add(idNumber);
    const phone = random.next() < 0.94 ? mobileNumber(random) : null;
    return { name, idNumber, phone };
  }
}
