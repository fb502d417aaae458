x = 9999
if x == 0:
    print(0)
elif x == 1:
    print(1)
elif x == 2:
    print(2)
elif x == 3:
    print(3)
elif x == 4:
    print(4)
elif x == 5:
    print(5)
elif x == 6:
    print(6)
elif x == 7:
    print(7)
elif x == 8:
    print(8)
elif x == 9:
    print(9)
elif x == 10:
    print(10)
elif x == 11:
    print(11)
elif x == 12:
    print(12)
elif x == 13:
    print(13)
elif x == 14:
    print(14)
elif x == 15:
    print(15)
elif x == 16:
    print(16)
elif x == 17:
    print(17)
elif x == 18:
    print(18)
elif x == 19:
    print(19)
elif x == 20:
    print(20)
elif x == 21:
    print(21)
elif x == 22:
    print(22)
elif x == 23:
    print(23)
elif x == 24:
    print(24)
elif x == 25:
    print(25)
elif x == 26:
    print(26)
elif x == 27:
    print(27)
elif x == 28:
    print(28)
elif x == 29:
    print(29)
elif x == 30:
    print(30)
elif x == 31:
    print(31)
elif x == 32:
    print(32)
elif x == 33:
    print(33)
elif x == 34:
    print(34)
elif x == 35:
    print(35)
elif x == 36:
    print(36)
elif x == 37:
    print(37)
elif x == 38:
    print(38)
elif x == 39:
    print(39)
elif x == 40:
    print(40)
elif x == 41:
    print(41)
elif x == 42:
    print(42)
elif x == 43:
    print(43)
elif x == 44:
    print(44)
elif x == 45:
    print(45)
elif x == 46:
    print(46)
elif x == 47:
    print(47)
elif x == 48:
    print(48)
elif x == 49:
    print(49)
elif x == 50:
    print(50)
elif x == 51:
    print(51)
elif x == 52:
    print(52)
elif x == 53:
    print(53)
elif x == 54:
    print(54)
elif x == 55:
    print(55)
elif x == 56:
    print(56)
elif x == 57:
    print(57)
elif x == 58:
    print(58)
elif x == 59:
    print(59)
elif x == 60:
    print(60)
elif x == 61:
    print(61)
elif x == 62:
    print(62)
elif x == 63:
    print(63)
elif x == 64:
    print(64)
elif x == 65:
    print(65)
elif x == 66:
    print(66)
elif x == 67:
    print(67)
elif x == 68:
    print(68)
elif x == 69:
    print(69)
elif x == 70:
    print(70)
elif x == 71:
    print(71)
elif x == 72:
    print(72)
elif x == 73:
    print(73)
elif x == 74:
    print(74)
elif x == 75:
    print(75)
elif x == 76:
    print(76)
elif x == 77:
    print(77)
elif x == 78:
    print(78)
elif x == 79:
    print(79)
elif x == 80:
    print(80)
elif x == 81:
    print(81)
elif x == 82:
    print(82)
elif x == 83:
    print(83)
elif x == 84:
    print(84)
elif x == 85:
    print(85)
elif x == 86:
    print(86)
elif x == 87:
    print(87)
elif x == 88:
    print(88)
elif x == 89:
    print(89)
elif x == 90:
    print(90)
elif x == 91:
    print(91)
elif x == 92:
    print(92)
elif x == 93:
    print(93)
elif x == 94:
    print(94)
elif x == 95:
    print(95)
elif x == 96:
    print(96)
elif x == 97:
    print(97)
elif x == 98:
    print(98)
elif x == 99:
    print(99)
elif x == 100:
    print(100)
elif x == 101:
    print(101)
elif x == 102:
    print(102)
elif x == 103:
    print(103)
elif x == 104:
    print(104)
elif x == 105:
    print(105)
elif x == 106:
    print(106)
elif x == 107:
    print(107)
elif x == 108:
    print(108)
elif x == 109:
    print(109)
elif x == 110:
    print(110)
elif x == 111:
    print(111)
elif x == 112:
    print(112)
elif x == 113:
    print(113)
elif x == 114:
    print(114)
elif x == 115:
    print(115)
elif x == 116:
    print(116)
elif x == 117:
    print(117)
elif x == 118:
    print(118)
elif x == 119:
    print(119)
elif x == 120:
    print(120)
elif x == 121:
    print(121)
elif x == 122:
    print(122)
elif x == 123:
    print(123)
elif x == 124:
    print(124)
elif x == 125:
    print(125)
elif x == 126:
    print(126)
elif x == 127:
    print(127)
elif x == 128:
    print(128)
elif x == 129:
    print(129)
elif x == 130:
    print(130)
elif x == 131:
    print(131)
elif x == 132:
    print(132)
elif x == 133:
    print(133)
elif x == 134:
    print(134)
elif x == 135:
    print(135)
elif x == 136:
    print(136)
elif x == 137:
    print(137)
elif x == 138:
    print(138)
elif x == 139:
    print(139)
elif x == 140:
    print(140)
elif x == 141:
    print(141)
elif x == 142:
    print(142)
elif x == 143:
    print(143)
elif x == 144:
    print(144)
elif x == 145:
    print(145)
elif x == 146:
    print(146)
elif x == 147:
    print(147)
elif x == 148:
    print(148)
elif x == 149:
    print(149)
elif x == 150:
    print(150)
elif x == 151:
    print(151)
elif x == 152:
    print(152)
elif x == 153:
    print(153)
elif x == 154:
    print(154)
elif x == 155:
    print(155)
elif x == 156:
    print(156)
elif x == 157:
    print(157)
elif x == 158:
    print(158)
elif x == 159:
    print(159)
elif x == 160:
    print(160)
elif x == 161:
    print(161)
elif x == 162:
    print(162)
elif x == 163:
    print(163)
elif x == 164:
    print(164)
elif x == 165:
    print(165)
elif x == 166:
    print(166)
elif x == 167:
    print(167)
elif x == 168:
    print(168)
elif x == 169:
    print(169)
elif x == 170:
    print(170)
elif x == 171:
    print(171)
elif x == 172:
    print(172)
elif x == 173:
    print(173)
elif x == 174:
    print(174)
elif x == 175:
    print(175)
elif x == 176:
    print(176)
elif x == 177:
    print(177)
elif x == 178:
    print(178)
elif x == 179:
    print(179)
elif x == 180:
    print(180)
elif x == 181:
    print(181)
elif x == 182:
    print(182)
elif x == 183:
    print(183)
elif x == 184:
    print(184)
elif x == 185:
    print(185)
elif x == 186:
    print(186)
elif x == 187:
    print(187)
elif x == 188:
    print(188)
elif x == 189:
    print(189)
elif x == 190:
    print(190)
elif x == 191:
    print(191)
elif x == 192:
    print(192)
elif x == 193:
    print(193)
elif x == 194:
    print(194)
elif x == 195:
    print(195)
elif x == 196:
    print(196)
elif x == 197:
    print(197)
elif x == 198:
    print(198)
elif x == 199:
    print(199)
elif x == 200:
    print(200)
elif x == 201:
    print(201)
elif x == 202:
    print(202)
elif x == 203:
    print(203)
elif x == 204:
    print(204)
elif x == 205:
    print(205)
elif x == 206:
    print(206)
elif x == 207:
    print(207)
elif x == 208:
    print(208)
elif x == 209:
    print(209)
elif x == 210:
    print(210)
elif x == 211:
    print(211)
elif x == 212:
    print(212)
elif x == 213:
    print(213)
elif x == 214:
    print(214)
elif x == 215:
    print(215)
elif x == 216:
    print(216)
elif x == 217:
    print(217)
elif x == 218:
    print(218)
elif x == 219:
    print(219)
elif x == 220:
    print(220)
elif x == 221:
    print(221)
elif x == 222:
    print(222)
elif x == 223:
    print(223)
elif x == 224:
    print(224)
elif x == 225:
    print(225)
elif x == 226:
    print(226)
elif x == 227:
    print(227)
elif x == 228:
    print(228)
elif x == 229:
    print(229)
elif x == 230:
    print(230)
elif x == 231:
    print(231)
elif x == 232:
    print(232)
elif x == 233:
    print(233)
elif x == 234:
    print(234)
elif x == 235:
    print(235)
elif x == 236:
    print(236)
elif x == 237:
    print(237)
elif x == 238:
    print(238)
elif x == 239:
    print(239)
elif x == 240:
    print(240)
elif x == 241:
    print(241)
elif x == 242:
    print(242)
elif x == 243:
    print(243)
elif x == 244:
    print(244)
elif x == 245:
    print(245)
elif x == 246:
    print(246)
elif x == 247:
    print(247)
elif x == 248:
    print(248)
elif x == 249:
    print(249)
elif x == 250:
    print(250)
elif x == 251:
    print(251)
elif x == 252:
    print(252)
elif x == 253:
    print(253)
elif x == 254:
    print(254)
elif x == 255:
    print(255)
elif x == 256:
    print(256)
elif x == 257:
    print(257)
elif x == 258:
    print(258)
elif x == 259:
    print(259)
elif x == 260:
    print(260)
elif x == 261:
    print(261)
elif x == 262:
    print(262)
elif x == 263:
    print(263)
elif x == 264:
    print(264)
elif x == 265:
    print(265)
elif x == 266:
    print(266)
elif x == 267:
    print(267)
elif x == 268:
    print(268)
elif x == 269:
    print(269)
elif x == 270:
    print(270)
elif x == 271:
    print(271)
elif x == 272:
    print(272)
elif x == 273:
    print(273)
elif x == 274:
    print(274)
elif x == 275:
    print(275)
elif x == 276:
    print(276)
elif x == 277:
    print(277)
elif x == 278:
    print(278)
elif x == 279:
    print(279)
elif x == 280:
    print(280)
elif x == 281:
    print(281)
elif x == 282:
    print(282)
elif x == 283:
    print(283)
elif x == 284:
    print(284)
elif x == 285:
    print(285)
elif x == 286:
    print(286)
elif x == 287:
    print(287)
elif x == 288:
    print(288)
elif x == 289:
    print(289)
elif x == 290:
    print(290)
elif x == 291:
    print(291)
elif x == 292:
    print(292)
elif x == 293:
    print(293)
elif x == 294:
    print(294)
elif x == 295:
    print(295)
elif x == 296:
    print(296)
elif x == 297:
    print(297)
elif x == 298:
    print(298)
elif x == 299:
    print(299)
elif x == 300:
    print(300)
elif x == 301:
    print(301)
elif x == 302:
    print(302)
elif x == 303:
    print(303)
elif x == 304:
    print(304)
elif x == 305:
    print(305)
elif x == 306:
    print(306)
elif x == 307:
    print(307)
elif x == 308:
    print(308)
elif x == 309:
    print(309)
elif x == 310:
    print(310)
elif x == 311:
    print(311)
elif x == 312:
    print(312)
elif x == 313:
    print(313)
elif x == 314:
    print(314)
elif x == 315:
    print(315)
elif x == 316:
    print(316)
elif x == 317:
    print(317)
elif x == 318:
    print(318)
elif x == 319:
    print(319)
elif x == 320:
    print(320)
elif x == 321:
    print(321)
elif x == 322:
    print(322)
elif x == 323:
    print(323)
elif x == 324:
    print(324)
elif x == 325:
    print(325)
elif x == 326:
    print(326)
elif x == 327:
    print(327)
elif x == 328:
    print(328)
elif x == 329:
    print(329)
elif x == 330:
    print(330)
elif x == 331:
    print(331)
elif x == 332:
    print(332)
elif x == 333:
    print(333)
elif x == 334:
    print(334)
elif x == 335:
    print(335)
elif x == 336:
    print(336)
elif x == 337:
    print(337)
elif x == 338:
    print(338)
elif x == 339:
    print(339)
elif x == 340:
    print(340)
elif x == 341:
    print(341)
elif x == 342:
    print(342)
elif x == 343:
    print(343)
elif x == 344:
    print(344)
elif x == 345:
    print(345)
elif x == 346:
    print(346)
elif x == 347:
    print(347)
elif x == 348:
    print(348)
elif x == 349:
    print(349)
elif x == 350:
    print(350)
elif x == 351:
    print(351)
elif x == 352:
    print(352)
elif x == 353:
    print(353)
elif x == 354:
    print(354)
elif x == 355:
    print(355)
elif x == 356:
    print(356)
elif x == 357:
    print(357)
elif x == 358:
    print(358)
elif x == 359:
    print(359)
elif x == 360:
    print(360)
elif x == 361:
    print(361)
elif x == 362:
    print(362)
elif x == 363:
    print(363)
elif x == 364:
    print(364)
elif x == 365:
    print(365)
elif x == 366:
    print(366)
elif x == 367:
    print(367)
elif x == 368:
    print(368)
elif x == 369:
    print(369)
elif x == 370:
    print(370)
elif x == 371:
    print(371)
elif x == 372:
    print(372)
elif x == 373:
    print(373)
elif x == 374:
    print(374)
elif x == 375:
    print(375)
elif x == 376:
    print(376)
elif x == 377:
    print(377)
elif x == 378:
    print(378)
elif x == 379:
    print(379)
elif x == 380:
    print(380)
elif x == 381:
    print(381)
elif x == 382:
    print(382)
elif x == 383:
    print(383)
elif x == 384:
    print(384)
elif x == 385:
    print(385)
elif x == 386:
    print(386)
elif x == 387:
    print(387)
elif x == 388:
    print(388)
elif x == 389:
    print(389)
elif x == 390:
    print(390)
elif x == 391:
    print(391)
elif x == 392:
    print(392)
elif x == 393:
    print(393)
elif x == 394:
    print(394)
elif x == 395:
    print(395)
elif x == 396:
    print(396)
elif x == 397:
    print(397)
elif x == 398:
    print(398)
elif x == 399:
    print(399)
elif x == 400:
    print(400)
elif x == 401:
    print(401)
elif x == 402:
    print(402)
elif x == 403:
    print(403)
elif x == 404:
    print(404)
elif x == 405:
    print(405)
elif x == 406:
    print(406)
elif x == 407:
    print(407)
elif x == 408:
    print(408)
elif x == 409:
    print(409)
elif x == 410:
    print(410)
elif x == 411:
    print(411)
elif x == 412:
    print(412)
elif x == 413:
    print(413)
elif x == 414:
    print(414)
elif x == 415:
    print(415)
elif x == 416:
    print(416)
elif x == 417:
    print(417)
elif x == 418:
    print(418)
elif x == 419:
    print(419)
elif x == 420:
    print(420)
elif x == 421:
    print(421)
elif x == 422:
    print(422)
elif x == 423:
    print(423)
elif x == 424:
    print(424)
elif x == 425:
    print(425)
elif x == 426:
    print(426)
elif x == 427:
    print(427)
elif x == 428:
    print(428)
elif x == 429:
    print(429)
elif x == 430:
    print(430)
elif x == 431:
    print(431)
elif x == 432:
    print(432)
elif x == 433:
    print(433)
elif x == 434:
    print(434)
elif x == 435:
    print(435)
elif x == 436:
    print(436)
elif x == 437:
    print(437)
elif x == 438:
    print(438)
elif x == 439:
    print(439)
elif x == 440:
    print(440)
elif x == 441:
    print(441)
elif x == 442:
    print(442)
elif x == 443:
    print(443)
elif x == 444:
    print(444)
elif x == 445:
    print(445)
elif x == 446:
    print(446)
elif x == 447:
    print(447)
elif x == 448:
    print(448)
elif x == 449:
    print(449)
elif x == 450:
    print(450)
elif x == 451:
    print(451)
elif x == 452:
    print(452)
elif x == 453:
    print(453)
elif x == 454:
    print(454)
elif x == 455:
    print(455)
elif x == 456:
    print(456)
elif x == 457:
    print(457)
elif x == 458:
    print(458)
elif x == 459:
    print(459)
elif x == 460:
    print(460)
elif x == 461:
    print(461)
elif x == 462:
    print(462)
elif x == 463:
    print(463)
elif x == 464:
    print(464)
elif x == 465:
    print(465)
elif x == 466:
    print(466)
elif x == 467:
    print(467)
elif x == 468:
    print(468)
elif x == 469:
    print(469)
elif x == 470:
    print(470)
elif x == 471:
    print(471)
elif x == 472:
    print(472)
elif x == 473:
    print(473)
elif x == 474:
    print(474)
elif x == 475:
    print(475)
elif x == 476:
    print(476)
elif x == 477:
    print(477)
elif x == 478:
    print(478)
elif x == 479:
    print(479)
elif x == 480:
    print(480)
elif x == 481:
    print(481)
elif x == 482:
    print(482)
elif x == 483:
    print(483)
elif x == 484:
    print(484)
elif x == 485:
    print(485)
elif x == 486:
    print(486)
elif x == 487:
    print(487)
elif x == 488:
    print(488)
elif x == 489:
    print(489)
elif x == 490:
    print(490)
elif x == 491:
    print(491)
elif x == 492:
    print(492)
elif x == 493:
    print(493)
elif x == 494:
    print(494)
elif x == 495:
    print(495)
elif x == 496:
    print(496)
elif x == 497:
    print(497)
elif x == 498:
    print(498)
elif x == 499:
    print(499)
elif x == 500:
    print(500)
elif x == 501:
    print(501)
elif x == 502:
    print(502)
elif x == 503:
    print(503)
elif x == 504:
    print(504)
elif x == 505:
    print(505)
elif x == 506:
    print(506)
elif x == 507:
    print(507)
elif x == 508:
    print(508)
elif x == 509:
    print(509)
elif x == 510:
    print(510)
elif x == 511:
    print(511)
elif x == 512:
    print(512)
elif x == 513:
    print(513)
elif x == 514:
    print(514)
elif x == 515:
    print(515)
elif x == 516:
    print(516)
elif x == 517:
    print(517)
elif x == 518:
    print(518)
elif x == 519:
    print(519)
elif x == 520:
    print(520)
elif x == 521:
    print(521)
elif x == 522:
    print(522)
elif x == 523:
    print(523)
elif x == 524:
    print(524)
elif x == 525:
    print(525)
elif x == 526:
    print(526)
elif x == 527:
    print(527)
elif x == 528:
    print(528)
elif x == 529:
    print(529)
elif x == 530:
    print(530)
elif x == 531:
    print(531)
elif x == 532:
    print(532)
elif x == 533:
    print(533)
elif x == 534:
    print(534)
elif x == 535:
    print(535)
elif x == 536:
    print(536)
elif x == 537:
    print(537)
elif x == 538:
    print(538)
elif x == 539:
    print(539)
elif x == 540:
    print(540)
elif x == 541:
    print(541)
elif x == 542:
    print(542)
elif x == 543:
    print(543)
elif x == 544:
    print(544)
elif x == 545:
    print(545)
elif x == 546:
    print(546)
elif x == 547:
    print(547)
elif x == 548:
    print(548)
elif x == 549:
    print(549)
elif x == 550:
    print(550)
elif x == 551:
    print(551)
elif x == 552:
    print(552)
elif x == 553:
    print(553)
elif x == 554:
    print(554)
elif x == 555:
    print(555)
elif x == 556:
    print(556)
elif x == 557:
    print(557)
elif x == 558:
    print(558)
elif x == 559:
    print(559)
elif x == 560:
    print(560)
elif x == 561:
    print(561)
elif x == 562:
    print(562)
elif x == 563:
    print(563)
elif x == 564:
    print(564)
elif x == 565:
    print(565)
elif x == 566:
    print(566)
elif x == 567:
    print(567)
elif x == 568:
    print(568)
elif x == 569:
    print(569)
elif x == 570:
    print(570)
elif x == 571:
    print(571)
elif x == 572:
    print(572)
elif x == 573:
    print(573)
elif x == 574:
    print(574)
elif x == 575:
    print(575)
elif x == 576:
    print(576)
elif x == 577:
    print(577)
elif x == 578:
    print(578)
elif x == 579:
    print(579)
elif x == 580:
    print(580)
elif x == 581:
    print(581)
elif x == 582:
    print(582)
elif x == 583:
    print(583)
elif x == 584:
    print(584)
elif x == 585:
    print(585)
elif x == 586:
    print(586)
elif x == 587:
    print(587)
elif x == 588:
    print(588)
elif x == 589:
    print(589)
elif x == 590:
    print(590)
elif x == 591:
    print(591)
elif x == 592:
    print(592)
elif x == 593:
    print(593)
elif x == 594:
    print(594)
elif x == 595:
    print(595)
elif x == 596:
    print(596)
elif x == 597:
    print(597)
elif x == 598:
    print(598)
elif x == 599:
    print(599)
elif x == 600:
    print(600)
elif x == 601:
    print(601)
elif x == 602:
    print(602)
elif x == 603:
    print(603)
elif x == 604:
    print(604)
elif x == 605:
    print(605)
elif x == 606:
    print(606)
elif x == 607:
    print(607)
elif x == 608:
    print(608)
elif x == 609:
    print(609)
elif x == 610:
    print(610)
elif x == 611:
    print(611)
elif x == 612:
    print(612)
elif x == 613:
    print(613)
elif x == 614:
    print(614)
elif x == 615:
    print(615)
elif x == 616:
    print(616)
elif x == 617:
    print(617)
elif x == 618:
    print(618)
elif x == 619:
    print(619)
elif x == 620:
    print(620)
elif x == 621:
    print(621)
elif x == 622:
    print(622)
elif x == 623:
    print(623)
elif x == 624:
    print(624)
elif x == 625:
    print(625)
elif x == 626:
    print(626)
elif x == 627:
    print(627)
elif x == 628:
    print(628)
elif x == 629:
    print(629)
elif x == 630:
    print(630)
elif x == 631:
    print(631)
elif x == 632:
    print(632)
elif x == 633:
    print(633)
elif x == 634:
    print(634)
elif x == 635:
    print(635)
elif x == 636:
    print(636)
elif x == 637:
    print(637)
elif x == 638:
    print(638)
elif x == 639:
    print(639)
elif x == 640:
    print(640)
elif x == 641:
    print(641)
elif x == 642:
    print(642)
elif x == 643:
    print(643)
elif x == 644:
    print(644)
elif x == 645:
    print(645)
elif x == 646:
    print(646)
elif x == 647:
    print(647)
elif x == 648:
    print(648)
elif x == 649:
    print(649)
elif x == 650:
    print(650)
elif x == 651:
    print(651)
elif x == 652:
    print(652)
elif x == 653:
    print(653)
elif x == 654:
    print(654)
elif x == 655:
    print(655)
elif x == 656:
    print(656)
elif x == 657:
    print(657)
elif x == 658:
    print(658)
elif x == 659:
    print(659)
elif x == 660:
    print(660)
elif x == 661:
    print(661)
elif x == 662:
    print(662)
elif x == 663:
    print(663)
elif x == 664:
    print(664)
elif x == 665:
    print(665)
elif x == 666:
    print(666)
elif x == 667:
    print(667)
elif x == 668:
    print(668)
elif x == 669:
    print(669)
elif x == 670:
    print(670)
elif x == 671:
    print(671)
elif x == 672:
    print(672)
elif x == 673:
    print(673)
elif x == 674:
    print(674)
elif x == 675:
    print(675)
elif x == 676:
    print(676)
elif x == 677:
    print(677)
elif x == 678:
    print(678)
elif x == 679:
    print(679)
elif x == 680:
    print(680)
elif x == 681:
    print(681)
elif x == 682:
    print(682)
elif x == 683:
    print(683)
elif x == 684:
    print(684)
elif x == 685:
    print(685)
elif x == 686:
    print(686)
elif x == 687:
    print(687)
elif x == 688:
    print(688)
elif x == 689:
    print(689)
elif x == 690:
    print(690)
elif x == 691:
    print(691)
elif x == 692:
    print(692)
elif x == 693:
    print(693)
elif x == 694:
    print(694)
elif x == 695:
    print(695)
elif x == 696:
    print(696)
elif x == 697:
    print(697)
elif x == 698:
    print(698)
elif x == 699:
    print(699)
elif x == 700:
    print(700)
elif x == 701:
    print(701)
elif x == 702:
    print(702)
elif x == 703:
    print(703)
elif x == 704:
    print(704)
elif x == 705:
    print(705)
elif x == 706:
    print(706)
elif x == 707:
    print(707)
elif x == 708:
    print(708)
elif x == 709:
    print(709)
elif x == 710:
    print(710)
elif x == 711:
    print(711)
elif x == 712:
    print(712)
elif x == 713:
    print(713)
elif x == 714:
    print(714)
elif x == 715:
    print(715)
elif x == 716:
    print(716)
elif x == 717:
    print(717)
elif x == 718:
    print(718)
elif x == 719:
    print(719)
elif x == 720:
    print(720)
elif x == 721:
    print(721)
elif x == 722:
    print(722)
elif x == 723:
    print(723)
elif x == 724:
    print(724)
elif x == 725:
    print(725)
elif x == 726:
    print(726)
elif x == 727:
    print(727)
elif x == 728:
    print(728)
elif x == 729:
    print(729)
elif x == 730:
    print(730)
elif x == 731:
    print(731)
elif x == 732:
    print(732)
elif x == 733:
    print(733)
elif x == 734:
    print(734)
elif x == 735:
    print(735)
elif x == 736:
    print(736)
elif x == 737:
    print(737)
elif x == 738:
    print(738)
elif x == 739:
    print(739)
elif x == 740:
    print(740)
elif x == 741:
    print(741)
elif x == 742:
    print(742)
elif x == 743:
    print(743)
elif x == 744:
    print(744)
elif x == 745:
    print(745)
elif x == 746:
    print(746)
elif x == 747:
    print(747)
elif x == 748:
    print(748)
elif x == 749:
    print(749)
elif x == 750:
    print(750)
elif x == 751:
    print(751)
elif x == 752:
    print(752)
elif x == 753:
    print(753)
elif x == 754:
    print(754)
elif x == 755:
    print(755)
elif x == 756:
    print(756)
elif x == 757:
    print(757)
elif x == 758:
    print(758)
elif x == 759:
    print(759)
elif x == 760:
    print(760)
elif x == 761:
    print(761)
elif x == 762:
    print(762)
elif x == 763:
    print(763)
elif x == 764:
    print(764)
elif x == 765:
    print(765)
elif x == 766:
    print(766)
elif x == 767:
    print(767)
elif x == 768:
    print(768)
elif x == 769:
    print(769)
elif x == 770:
    print(770)
elif x == 771:
    print(771)
elif x == 772:
    print(772)
elif x == 773:
    print(773)
elif x == 774:
    print(774)
elif x == 775:
    print(775)
elif x == 776:
    print(776)
elif x == 777:
    print(777)
elif x == 778:
    print(778)
elif x == 779:
    print(779)
elif x == 780:
    print(780)
elif x == 781:
    print(781)
elif x == 782:
    print(782)
elif x == 783:
    print(783)
elif x == 784:
    print(784)
elif x == 785:
    print(785)
elif x == 786:
    print(786)
elif x == 787:
    print(787)
elif x == 788:
    print(788)
elif x == 789:
    print(789)
elif x == 790:
    print(790)
elif x == 791:
    print(791)
elif x == 792:
    print(792)
elif x == 793:
    print(793)
elif x == 794:
    print(794)
elif x == 795:
    print(795)
elif x == 796:
    print(796)
elif x == 797:
    print(797)
elif x == 798:
    print(798)
elif x == 799:
    print(799)
elif x == 800:
    print(800)
elif x == 801:
    print(801)
elif x == 802:
    print(802)
elif x == 803:
    print(803)
elif x == 804:
    print(804)
elif x == 805:
    print(805)
elif x == 806:
    print(806)
elif x == 807:
    print(807)
elif x == 808:
    print(808)
elif x == 809:
    print(809)
elif x == 810:
    print(810)
elif x == 811:
    print(811)
elif x == 812:
    print(812)
elif x == 813:
    print(813)
elif x == 814:
    print(814)
elif x == 815:
    print(815)
elif x == 816:
    print(816)
elif x == 817:
    print(817)
elif x == 818:
    print(818)
elif x == 819:
    print(819)
elif x == 820:
    print(820)
elif x == 821:
    print(821)
elif x == 822:
    print(822)
elif x == 823:
    print(823)
elif x == 824:
    print(824)
elif x == 825:
    print(825)
elif x == 826:
    print(826)
elif x == 827:
    print(827)
elif x == 828:
    print(828)
elif x == 829:
    print(829)
elif x == 830:
    print(830)
elif x == 831:
    print(831)
elif x == 832:
    print(832)
elif x == 833:
    print(833)
elif x == 834:
    print(834)
elif x == 835:
    print(835)
elif x == 836:
    print(836)
elif x == 837:
    print(837)
elif x == 838:
    print(838)
elif x == 839:
    print(839)
elif x == 840:
    print(840)
elif x == 841:
    print(841)
elif x == 842:
    print(842)
elif x == 843:
    print(843)
elif x == 844:
    print(844)
elif x == 845:
    print(845)
elif x == 846:
    print(846)
elif x == 847:
    print(847)
elif x == 848:
    print(848)
elif x == 849:
    print(849)
elif x == 850:
    print(850)
elif x == 851:
    print(851)
elif x == 852:
    print(852)
elif x == 853:
    print(853)
elif x == 854:
    print(854)
elif x == 855:
    print(855)
elif x == 856:
    print(856)
elif x == 857:
    print(857)
elif x == 858:
    print(858)
elif x == 859:
    print(859)
elif x == 860:
    print(860)
elif x == 861:
    print(861)
elif x == 862:
    print(862)
elif x == 863:
    print(863)
elif x == 864:
    print(864)
elif x == 865:
    print(865)
elif x == 866:
    print(866)
elif x == 867:
    print(867)
elif x == 868:
    print(868)
elif x == 869:
    print(869)
elif x == 870:
    print(870)
elif x == 871:
    print(871)
elif x == 872:
    print(872)
elif x == 873:
    print(873)
elif x == 874:
    print(874)
elif x == 875:
    print(875)
elif x == 876:
    print(876)
elif x == 877:
    print(877)
elif x == 878:
    print(878)
elif x == 879:
    print(879)
elif x == 880:
    print(880)
elif x == 881:
    print(881)
elif x == 882:
    print(882)
elif x == 883:
    print(883)
elif x == 884:
    print(884)
elif x == 885:
    print(885)
elif x == 886:
    print(886)
elif x == 887:
    print(887)
elif x == 888:
    print(888)
elif x == 889:
    print(889)
elif x == 890:
    print(890)
elif x == 891:
    print(891)
elif x == 892:
    print(892)
elif x == 893:
    print(893)
elif x == 894:
    print(894)
elif x == 895:
    print(895)
elif x == 896:
    print(896)
elif x == 897:
    print(897)
elif x == 898:
    print(898)
elif x == 899:
    print(899)
elif x == 900:
    print(900)
elif x == 901:
    print(901)
elif x == 902:
    print(902)
elif x == 903:
    print(903)
elif x == 904:
    print(904)
elif x == 905:
    print(905)
elif x == 906:
    print(906)
elif x == 907:
    print(907)
elif x == 908:
    print(908)
elif x == 909:
    print(909)
elif x == 910:
    print(910)
elif x == 911:
    print(911)
elif x == 912:
    print(912)
elif x == 913:
    print(913)
elif x == 914:
    print(914)
elif x == 915:
    print(915)
elif x == 916:
    print(916)
elif x == 917:
    print(917)
elif x == 918:
    print(918)
elif x == 919:
    print(919)
elif x == 920:
    print(920)
elif x == 921:
    print(921)
elif x == 922:
    print(922)
elif x == 923:
    print(923)
elif x == 924:
    print(924)
elif x == 925:
    print(925)
elif x == 926:
    print(926)
elif x == 927:
    print(927)
elif x == 928:
    print(928)
elif x == 929:
    print(929)
elif x == 930:
    print(930)
elif x == 931:
    print(931)
elif x == 932:
    print(932)
elif x == 933:
    print(933)
elif x == 934:
    print(934)
elif x == 935:
    print(935)
elif x == 936:
    print(936)
elif x == 937:
    print(937)
elif x == 938:
    print(938)
elif x == 939:
    print(939)
elif x == 940:
    print(940)
elif x == 941:
    print(941)
elif x == 942:
    print(942)
elif x == 943:
    print(943)
elif x == 944:
    print(944)
elif x == 945:
    print(945)
elif x == 946:
    print(946)
elif x == 947:
    print(947)
elif x == 948:
    print(948)
elif x == 949:
    print(949)
elif x == 950:
    print(950)
elif x == 951:
    print(951)
elif x == 952:
    print(952)
elif x == 953:
    print(953)
elif x == 954:
    print(954)
elif x == 955:
    print(955)
elif x == 956:
    print(956)
elif x == 957:
    print(957)
elif x == 958:
    print(958)
elif x == 959:
    print(959)
elif x == 960:
    print(960)
elif x == 961:
    print(961)
elif x == 962:
    print(962)
elif x == 963:
    print(963)
elif x == 964:
    print(964)
elif x == 965:
    print(965)
elif x == 966:
    print(966)
elif x == 967:
    print(967)
elif x == 968:
    print(968)
elif x == 969:
    print(969)
elif x == 970:
    print(970)
elif x == 971:
    print(971)
elif x == 972:
    print(972)
elif x == 973:
    print(973)
elif x == 974:
    print(974)
elif x == 975:
    print(975)
elif x == 976:
    print(976)
elif x == 977:
    print(977)
elif x == 978:
    print(978)
elif x == 979:
    print(979)
elif x == 980:
    print(980)
elif x == 981:
    print(981)
elif x == 982:
    print(982)
elif x == 983:
    print(983)
elif x == 984:
    print(984)
elif x == 985:
    print(985)
elif x == 986:
    print(986)
elif x == 987:
    print(987)
elif x == 988:
    print(988)
elif x == 989:
    print(989)
elif x == 990:
    print(990)
elif x == 991:
    print(991)
elif x == 992:
    print(992)
elif x == 993:
    print(993)
elif x == 994:
    print(994)
elif x == 995:
    print(995)
elif x == 996:
    print(996)
elif x == 997:
    print(997)
elif x == 998:
    print(998)
elif x == 999:
    print(999)
elif x == 1000:
    print(1000)
elif x == 1001:
    print(1001)
elif x == 1002:
    print(1002)
elif x == 1003:
    print(1003)
elif x == 1004:
    print(1004)
elif x == 1005:
    print(1005)
elif x == 1006:
    print(1006)
elif x == 1007:
    print(1007)
elif x == 1008:
    print(1008)
elif x == 1009:
    print(1009)
elif x == 1010:
    print(1010)
elif x == 1011:
    print(1011)
elif x == 1012:
    print(1012)
elif x == 1013:
    print(1013)
elif x == 1014:
    print(1014)
elif x == 1015:
    print(1015)
elif x == 1016:
    print(1016)
elif x == 1017:
    print(1017)
elif x == 1018:
    print(1018)
elif x == 1019:
    print(1019)
elif x == 1020:
    print(1020)
elif x == 1021:
    print(1021)
elif x == 1022:
    print(1022)
elif x == 1023:
    print(1023)
elif x == 1024:
    print(1024)
elif x == 1025:
    print(1025)
elif x == 1026:
    print(1026)
elif x == 1027:
    print(1027)
elif x == 1028:
    print(1028)
elif x == 1029:
    print(1029)
elif x == 1030:
    print(1030)
elif x == 1031:
    print(1031)
elif x == 1032:
    print(1032)
elif x == 1033:
    print(1033)
elif x == 1034:
    print(1034)
elif x == 1035:
    print(1035)
elif x == 1036:
    print(1036)
elif x == 1037:
    print(1037)
elif x == 1038:
    print(1038)
elif x == 1039:
    print(1039)
elif x == 1040:
    print(1040)
elif x == 1041:
    print(1041)
elif x == 1042:
    print(1042)
elif x == 1043:
    print(1043)
elif x == 1044:
    print(1044)
elif x == 1045:
    print(1045)
elif x == 1046:
    print(1046)
elif x == 1047:
    print(1047)
elif x == 1048:
    print(1048)
elif x == 1049:
    print(1049)
elif x == 1050:
    print(1050)
elif x == 1051:
    print(1051)
elif x == 1052:
    print(1052)
elif x == 1053:
    print(1053)
elif x == 1054:
    print(1054)
elif x == 1055:
    print(1055)
elif x == 1056:
    print(1056)
elif x == 1057:
    print(1057)
elif x == 1058:
    print(1058)
elif x == 1059:
    print(1059)
elif x == 1060:
    print(1060)
elif x == 1061:
    print(1061)
elif x == 1062:
    print(1062)
elif x == 1063:
    print(1063)
elif x == 1064:
    print(1064)
elif x == 1065:
    print(1065)
elif x == 1066:
    print(1066)
elif x == 1067:
    print(1067)
elif x == 1068:
    print(1068)
elif x == 1069:
    print(1069)
elif x == 1070:
    print(1070)
elif x == 1071:
    print(1071)
elif x == 1072:
    print(1072)
elif x == 1073:
    print(1073)
elif x == 1074:
    print(1074)
elif x == 1075:
    print(1075)
elif x == 1076:
    print(1076)
elif x == 1077:
    print(1077)
elif x == 1078:
    print(1078)
elif x == 1079:
    print(1079)
elif x == 1080:
    print(1080)
elif x == 1081:
    print(1081)
elif x == 1082:
    print(1082)
elif x == 1083:
    print(1083)
elif x == 1084:
    print(1084)
elif x == 1085:
    print(1085)
elif x == 1086:
    print(1086)
elif x == 1087:
    print(1087)
elif x == 1088:
    print(1088)
elif x == 1089:
    print(1089)
elif x == 1090:
    print(1090)
elif x == 1091:
    print(1091)
elif x == 1092:
    print(1092)
elif x == 1093:
    print(1093)
elif x == 1094:
    print(1094)
elif x == 1095:
    print(1095)
elif x == 1096:
    print(1096)
elif x == 1097:
    print(1097)
elif x == 1098:
    print(1098)
elif x == 1099:
    print(1099)
elif x == 1100:
    print(1100)
elif x == 1101:
    print(1101)
elif x == 1102:
    print(1102)
elif x == 1103:
    print(1103)
elif x == 1104:
    print(1104)
elif x == 1105:
    print(1105)
elif x == 1106:
    print(1106)
elif x == 1107:
    print(1107)
elif x == 1108:
    print(1108)
elif x == 1109:
    print(1109)
elif x == 1110:
    print(1110)
elif x == 1111:
    print(1111)
elif x == 1112:
    print(1112)
elif x == 1113:
    print(1113)
elif x == 1114:
    print(1114)
elif x == 1115:
    print(1115)
elif x == 1116:
    print(1116)
elif x == 1117:
    print(1117)
elif x == 1118:
    print(1118)
elif x == 1119:
    print(1119)
elif x == 1120:
    print(1120)
elif x == 1121:
    print(1121)
elif x == 1122:
    print(1122)
elif x == 1123:
    print(1123)
elif x == 1124:
    print(1124)
elif x == 1125:
    print(1125)
elif x == 1126:
    print(1126)
elif x == 1127:
    print(1127)
elif x == 1128:
    print(1128)
elif x == 1129:
    print(1129)
elif x == 1130:
    print(1130)
elif x == 1131:
    print(1131)
elif x == 1132:
    print(1132)
elif x == 1133:
    print(1133)
elif x == 1134:
    print(1134)
elif x == 1135:
    print(1135)
elif x == 1136:
    print(1136)
elif x == 1137:
    print(1137)
elif x == 1138:
    print(1138)
elif x == 1139:
    print(1139)
elif x == 1140:
    print(1140)
elif x == 1141:
    print(1141)
elif x == 1142:
    print(1142)
elif x == 1143:
    print(1143)
elif x == 1144:
    print(1144)
elif x == 1145:
    print(1145)
elif x == 1146:
    print(1146)
elif x == 1147:
    print(1147)
elif x == 1148:
    print(1148)
elif x == 1149:
    print(1149)
elif x == 1150:
    print(1150)
elif x == 1151:
    print(1151)
elif x == 1152:
    print(1152)
elif x == 1153:
    print(1153)
elif x == 1154:
    print(1154)
elif x == 1155:
    print(1155)
elif x == 1156:
    print(1156)
elif x == 1157:
    print(1157)
elif x == 1158:
    print(1158)
elif x == 1159:
    print(1159)
elif x == 1160:
    print(1160)
elif x == 1161:
    print(1161)
elif x == 1162:
    print(1162)
elif x == 1163:
    print(1163)
elif x == 1164:
    print(1164)
elif x == 1165:
    print(1165)
elif x == 1166:
    print(1166)
elif x == 1167:
    print(1167)
elif x == 1168:
    print(1168)
elif x == 1169:
    print(1169)
elif x == 1170:
    print(1170)
elif x == 1171:
    print(1171)
elif x == 1172:
    print(1172)
elif x == 1173:
    print(1173)
elif x == 1174:
    print(1174)
elif x == 1175:
    print(1175)
elif x == 1176:
    print(1176)
elif x == 1177:
    print(1177)
elif x == 1178:
    print(1178)
elif x == 1179:
    print(1179)
elif x == 1180:
    print(1180)
elif x == 1181:
    print(1181)
elif x == 1182:
    print(1182)
elif x == 1183:
    print(1183)
elif x == 1184:
    print(1184)
elif x == 1185:
    print(1185)
elif x == 1186:
    print(1186)
elif x == 1187:
    print(1187)
elif x == 1188:
    print(1188)
elif x == 1189:
    print(1189)
elif x == 1190:
    print(1190)
elif x == 1191:
    print(1191)
elif x == 1192:
    print(1192)
elif x == 1193:
    print(1193)
elif x == 1194:
    print(1194)
elif x == 1195:
    print(1195)
elif x == 1196:
    print(1196)
elif x == 1197:
    print(1197)
elif x == 1198:
    print(1198)
elif x == 1199:
    print(1199)
elif x == 1200:
    print(1200)
elif x == 1201:
    print(1201)
elif x == 1202:
    print(1202)
elif x == 1203:
    print(1203)
elif x == 1204:
    print(1204)
elif x == 1205:
    print(1205)
elif x == 1206:
    print(1206)
elif x == 1207:
    print(1207)
elif x == 1208:
    print(1208)
elif x == 1209:
    print(1209)
elif x == 1210:
    print(1210)
elif x == 1211:
    print(1211)
elif x == 1212:
    print(1212)
elif x == 1213:
    print(1213)
elif x == 1214:
    print(1214)
elif x == 1215:
    print(1215)
elif x == 1216:
    print(1216)
elif x == 1217:
    print(1217)
elif x == 1218:
    print(1218)
elif x == 1219:
    print(1219)
elif x == 1220:
    print(1220)
elif x == 1221:
    print(1221)
elif x == 1222:
    print(1222)
elif x == 1223:
    print(1223)
elif x == 1224:
    print(1224)
elif x == 1225:
    print(1225)
elif x == 1226:
    print(1226)
elif x == 1227:
    print(1227)
elif x == 1228:
    print(1228)
elif x == 1229:
    print(1229)
elif x == 1230:
    print(1230)
elif x == 1231:
    print(1231)
elif x == 1232:
    print(1232)
elif x == 1233:
    print(1233)
elif x == 1234:
    print(1234)
elif x == 1235:
    print(1235)
elif x == 1236:
    print(1236)
elif x == 1237:
    print(1237)
elif x == 1238:
    print(1238)
elif x == 1239:
    print(1239)
elif x == 1240:
    print(1240)
elif x == 1241:
    print(1241)
elif x == 1242:
    print(1242)
elif x == 1243:
    print(1243)
elif x == 1244:
    print(1244)
elif x == 1245:
    print(1245)
elif x == 1246:
    print(1246)
elif x == 1247:
    print(1247)
elif x == 1248:
    print(1248)
elif x == 1249:
    print(1249)
elif x == 1250:
    print(1250)
elif x == 1251:
    print(1251)
elif x == 1252:
    print(1252)
elif x == 1253:
    print(1253)
elif x == 1254:
    print(1254)
elif x == 1255:
    print(1255)
elif x == 1256:
    print(1256)
elif x == 1257:
    print(1257)
elif x == 1258:
    print(1258)
elif x == 1259:
    print(1259)
elif x == 1260:
    print(1260)
elif x == 1261:
    print(1261)
elif x == 1262:
    print(1262)
elif x == 1263:
    print(1263)
elif x == 1264:
    print(1264)
elif x == 1265:
    print(1265)
elif x == 1266:
    print(1266)
elif x == 1267:
    print(1267)
elif x == 1268:
    print(1268)
elif x == 1269:
    print(1269)
elif x == 1270:
    print(1270)
elif x == 1271:
    print(1271)
elif x == 1272:
    print(1272)
elif x == 1273:
    print(1273)
elif x == 1274:
    print(1274)
elif x == 1275:
    print(1275)
elif x == 1276:
    print(1276)
elif x == 1277:
    print(1277)
elif x == 1278:
    print(1278)
elif x == 1279:
    print(1279)
elif x == 1280:
    print(1280)
elif x == 1281:
    print(1281)
elif x == 1282:
    print(1282)
elif x == 1283:
    print(1283)
elif x == 1284:
    print(1284)
elif x == 1285:
    print(1285)
elif x == 1286:
    print(1286)
elif x == 1287:
    print(1287)
elif x == 1288:
    print(1288)
elif x == 1289:
    print(1289)
elif x == 1290:
    print(1290)
elif x == 1291:
    print(1291)
elif x == 1292:
    print(1292)
elif x == 1293:
    print(1293)
elif x == 1294:
    print(1294)
elif x == 1295:
    print(1295)
elif x == 1296:
    print(1296)
elif x == 1297:
    print(1297)
elif x == 1298:
    print(1298)
elif x == 1299:
    print(1299)
elif x == 1300:
    print(1300)
elif x == 1301:
    print(1301)
elif x == 1302:
    print(1302)
elif x == 1303:
    print(1303)
elif x == 1304:
    print(1304)
elif x == 1305:
    print(1305)
elif x == 1306:
    print(1306)
elif x == 1307:
    print(1307)
elif x == 1308:
    print(1308)
elif x == 1309:
    print(1309)
elif x == 1310:
    print(1310)
elif x == 1311:
    print(1311)
elif x == 1312:
    print(1312)
elif x == 1313:
    print(1313)
elif x == 1314:
    print(1314)
elif x == 1315:
    print(1315)
elif x == 1316:
    print(1316)
elif x == 1317:
    print(1317)
elif x == 1318:
    print(1318)
elif x == 1319:
    print(1319)
elif x == 1320:
    print(1320)
elif x == 1321:
    print(1321)
elif x == 1322:
    print(1322)
elif x == 1323:
    print(1323)
elif x == 1324:
    print(1324)
elif x == 1325:
    print(1325)
elif x == 1326:
    print(1326)
elif x == 1327:
    print(1327)
elif x == 1328:
    print(1328)
elif x == 1329:
    print(1329)
elif x == 1330:
    print(1330)
elif x == 1331:
    print(1331)
elif x == 1332:
    print(1332)
elif x == 1333:
    print(1333)
elif x == 1334:
    print(1334)
elif x == 1335:
    print(1335)
elif x == 1336:
    print(1336)
elif x == 1337:
    print(1337)
elif x == 1338:
    print(1338)
elif x == 1339:
    print(1339)
elif x == 1340:
    print(1340)
elif x == 1341:
    print(1341)
elif x == 1342:
    print(1342)
elif x == 1343:
    print(1343)
elif x == 1344:
    print(1344)
elif x == 1345:
    print(1345)
elif x == 1346:
    print(1346)
elif x == 1347:
    print(1347)
elif x == 1348:
    print(1348)
elif x == 1349:
    print(1349)
elif x == 1350:
    print(1350)
elif x == 1351:
    print(1351)
elif x == 1352:
    print(1352)
elif x == 1353:
    print(1353)
elif x == 1354:
    print(1354)
elif x == 1355:
    print(1355)
elif x == 1356:
    print(1356)
elif x == 1357:
    print(1357)
elif x == 1358:
    print(1358)
elif x == 1359:
    print(1359)
elif x == 1360:
    print(1360)
elif x == 1361:
    print(1361)
elif x == 1362:
    print(1362)
elif x == 1363:
    print(1363)
elif x == 1364:
    print(1364)
elif x == 1365:
    print(1365)
elif x == 1366:
    print(1366)
elif x == 1367:
    print(1367)
elif x == 1368:
    print(1368)
elif x == 1369:
    print(1369)
elif x == 1370:
    print(1370)
elif x == 1371:
    print(1371)
elif x == 1372:
    print(1372)
elif x == 1373:
    print(1373)
elif x == 1374:
    print(1374)
elif x == 1375:
    print(1375)
elif x == 1376:
    print(1376)
elif x == 1377:
    print(1377)
elif x == 1378:
    print(1378)
elif x == 1379:
    print(1379)
elif x == 1380:
    print(1380)
elif x == 1381:
    print(1381)
elif x == 1382:
    print(1382)
elif x == 1383:
    print(1383)
elif x == 1384:
    print(1384)
elif x == 1385:
    print(1385)
elif x == 1386:
    print(1386)
elif x == 1387:
    print(1387)
elif x == 1388:
    print(1388)
elif x == 1389:
    print(1389)
elif x == 1390:
    print(1390)
elif x == 1391:
    print(1391)
elif x == 1392:
    print(1392)
elif x == 1393:
    print(1393)
elif x == 1394:
    print(1394)
elif x == 1395:
    print(1395)
elif x == 1396:
    print(1396)
elif x == 1397:
    print(1397)
elif x == 1398:
    print(1398)
elif x == 1399:
    print(1399)
elif x == 1400:
    print(1400)
elif x == 1401:
    print(1401)
elif x == 1402:
    print(1402)
elif x == 1403:
    print(1403)
elif x == 1404:
    print(1404)
elif x == 1405:
    print(1405)
elif x == 1406:
    print(1406)
elif x == 1407:
    print(1407)
elif x == 1408:
    print(1408)
elif x == 1409:
    print(1409)
elif x == 1410:
    print(1410)
elif x == 1411:
    print(1411)
elif x == 1412:
    print(1412)
elif x == 1413:
    print(1413)
elif x == 1414:
    print(1414)
elif x == 1415:
    print(1415)
elif x == 1416:
    print(1416)
elif x == 1417:
    print(1417)
elif x == 1418:
    print(1418)
elif x == 1419:
    print(1419)
elif x == 1420:
    print(1420)
elif x == 1421:
    print(1421)
elif x == 1422:
    print(1422)
elif x == 1423:
    print(1423)
elif x == 1424:
    print(1424)
elif x == 1425:
    print(1425)
elif x == 1426:
    print(1426)
elif x == 1427:
    print(1427)
elif x == 1428:
    print(1428)
elif x == 1429:
    print(1429)
elif x == 1430:
    print(1430)
elif x == 1431:
    print(1431)
elif x == 1432:
    print(1432)
elif x == 1433:
    print(1433)
elif x == 1434:
    print(1434)
elif x == 1435:
    print(1435)
elif x == 1436:
    print(1436)
elif x == 1437:
    print(1437)
elif x == 1438:
    print(1438)
elif x == 1439:
    print(1439)
elif x == 1440:
    print(1440)
elif x == 1441:
    print(1441)
elif x == 1442:
    print(1442)
elif x == 1443:
    print(1443)
elif x == 1444:
    print(1444)
elif x == 1445:
    print(1445)
elif x == 1446:
    print(1446)
elif x == 1447:
    print(1447)
elif x == 1448:
    print(1448)
elif x == 1449:
    print(1449)
elif x == 1450:
    print(1450)
elif x == 1451:
    print(1451)
elif x == 1452:
    print(1452)
elif x == 1453:
    print(1453)
elif x == 1454:
    print(1454)
elif x == 1455:
    print(1455)
elif x == 1456:
    print(1456)
elif x == 1457:
    print(1457)
elif x == 1458:
    print(1458)
elif x == 1459:
    print(1459)
elif x == 1460:
    print(1460)
elif x == 1461:
    print(1461)
elif x == 1462:
    print(1462)
elif x == 1463:
    print(1463)
elif x == 1464:
    print(1464)
elif x == 1465:
    print(1465)
elif x == 1466:
    print(1466)
elif x == 1467:
    print(1467)
elif x == 1468:
    print(1468)
elif x == 1469:
    print(1469)
elif x == 1470:
    print(1470)
elif x == 1471:
    print(1471)
elif x == 1472:
    print(1472)
elif x == 1473:
    print(1473)
elif x == 1474:
    print(1474)
elif x == 1475:
    print(1475)
elif x == 1476:
    print(1476)
elif x == 1477:
    print(1477)
elif x == 1478:
    print(1478)
elif x == 1479:
    print(1479)
elif x == 1480:
    print(1480)
elif x == 1481:
    print(1481)
elif x == 1482:
    print(1482)
elif x == 1483:
    print(1483)
elif x == 1484:
    print(1484)
elif x == 1485:
    print(1485)
elif x == 1486:
    print(1486)
elif x == 1487:
    print(1487)
elif x == 1488:
    print(1488)
elif x == 1489:
    print(1489)
elif x == 1490:
    print(1490)
elif x == 1491:
    print(1491)
elif x == 1492:
    print(1492)
elif x == 1493:
    print(1493)
elif x == 1494:
    print(1494)
elif x == 1495:
    print(1495)
elif x == 1496:
    print(1496)
elif x == 1497:
    print(1497)
elif x == 1498:
    print(1498)
elif x == 1499:
    print(1499)
elif x == 1500:
    print(1500)
elif x == 1501:
    print(1501)
elif x == 1502:
    print(1502)
elif x == 1503:
    print(1503)
elif x == 1504:
    print(1504)
elif x == 1505:
    print(1505)
elif x == 1506:
    print(1506)
elif x == 1507:
    print(1507)
elif x == 1508:
    print(1508)
elif x == 1509:
    print(1509)
elif x == 1510:
    print(1510)
elif x == 1511:
    print(1511)
elif x == 1512:
    print(1512)
elif x == 1513:
    print(1513)
elif x == 1514:
    print(1514)
elif x == 1515:
    print(1515)
elif x == 1516:
    print(1516)
elif x == 1517:
    print(1517)
elif x == 1518:
    print(1518)
elif x == 1519:
    print(1519)
elif x == 1520:
    print(1520)
elif x == 1521:
    print(1521)
elif x == 1522:
    print(1522)
elif x == 1523:
    print(1523)
elif x == 1524:
    print(1524)
elif x == 1525:
    print(1525)
elif x == 1526:
    print(1526)
elif x == 1527:
    print(1527)
elif x == 1528:
    print(1528)
elif x == 1529:
    print(1529)
elif x == 1530:
    print(1530)
elif x == 1531:
    print(1531)
elif x == 1532:
    print(1532)
elif x == 1533:
    print(1533)
elif x == 1534:
    print(1534)
elif x == 1535:
    print(1535)
elif x == 1536:
    print(1536)
elif x == 1537:
    print(1537)
elif x == 1538:
    print(1538)
elif x == 1539:
    print(1539)
elif x == 1540:
    print(1540)
elif x == 1541:
    print(1541)
elif x == 1542:
    print(1542)
elif x == 1543:
    print(1543)
elif x == 1544:
    print(1544)
elif x == 1545:
    print(1545)
elif x == 1546:
    print(1546)
elif x == 1547:
    print(1547)
elif x == 1548:
    print(1548)
elif x == 1549:
    print(1549)
elif x == 1550:
    print(1550)
elif x == 1551:
    print(1551)
elif x == 1552:
    print(1552)
elif x == 1553:
    print(1553)
elif x == 1554:
    print(1554)
elif x == 1555:
    print(1555)
elif x == 1556:
    print(1556)
elif x == 1557:
    print(1557)
elif x == 1558:
    print(1558)
elif x == 1559:
    print(1559)
elif x == 1560:
    print(1560)
elif x == 1561:
    print(1561)
elif x == 1562:
    print(1562)
elif x == 1563:
    print(1563)
elif x == 1564:
    print(1564)
elif x == 1565:
    print(1565)
elif x == 1566:
    print(1566)
elif x == 1567:
    print(1567)
elif x == 1568:
    print(1568)
elif x == 1569:
    print(1569)
elif x == 1570:
    print(1570)
elif x == 1571:
    print(1571)
elif x == 1572:
    print(1572)
elif x == 1573:
    print(1573)
elif x == 1574:
    print(1574)
elif x == 1575:
    print(1575)
elif x == 1576:
    print(1576)
elif x == 1577:
    print(1577)
elif x == 1578:
    print(1578)
elif x == 1579:
    print(1579)
elif x == 1580:
    print(1580)
elif x == 1581:
    print(1581)
elif x == 1582:
    print(1582)
elif x == 1583:
    print(1583)
elif x == 1584:
    print(1584)
elif x == 1585:
    print(1585)
elif x == 1586:
    print(1586)
elif x == 1587:
    print(1587)
elif x == 1588:
    print(1588)
elif x == 1589:
    print(1589)
elif x == 1590:
    print(1590)
elif x == 1591:
    print(1591)
elif x == 1592:
    print(1592)
elif x == 1593:
    print(1593)
elif x == 1594:
    print(1594)
elif x == 1595:
    print(1595)
elif x == 1596:
    print(1596)
elif x == 1597:
    print(1597)
elif x == 1598:
    print(1598)
elif x == 1599:
    print(1599)
elif x == 1600:
    print(1600)
elif x == 1601:
    print(1601)
elif x == 1602:
    print(1602)
elif x == 1603:
    print(1603)
elif x == 1604:
    print(1604)
elif x == 1605:
    print(1605)
elif x == 1606:
    print(1606)
elif x == 1607:
    print(1607)
elif x == 1608:
    print(1608)
elif x == 1609:
    print(1609)
elif x == 1610:
    print(1610)
elif x == 1611:
    print(1611)
elif x == 1612:
    print(1612)
elif x == 1613:
    print(1613)
elif x == 1614:
    print(1614)
elif x == 1615:
    print(1615)
elif x == 1616:
    print(1616)
elif x == 1617:
    print(1617)
elif x == 1618:
    print(1618)
elif x == 1619:
    print(1619)
elif x == 1620:
    print(1620)
elif x == 1621:
    print(1621)
elif x == 1622:
    print(1622)
elif x == 1623:
    print(1623)
elif x == 1624:
    print(1624)
elif x == 1625:
    print(1625)
elif x == 1626:
    print(1626)
elif x == 1627:
    print(1627)
elif x == 1628:
    print(1628)
elif x == 1629:
    print(1629)
elif x == 1630:
    print(1630)
elif x == 1631:
    print(1631)
elif x == 1632:
    print(1632)
elif x == 1633:
    print(1633)
elif x == 1634:
    print(1634)
elif x == 1635:
    print(1635)
elif x == 1636:
    print(1636)
elif x == 1637:
    print(1637)
elif x == 1638:
    print(1638)
elif x == 1639:
    print(1639)
elif x == 1640:
    print(1640)
elif x == 1641:
    print(1641)
elif x == 1642:
    print(1642)
elif x == 1643:
    print(1643)
elif x == 1644:
    print(1644)
elif x == 1645:
    print(1645)
elif x == 1646:
    print(1646)
elif x == 1647:
    print(1647)
elif x == 1648:
    print(1648)
elif x == 1649:
    print(1649)
elif x == 1650:
    print(1650)
elif x == 1651:
    print(1651)
elif x == 1652:
    print(1652)
elif x == 1653:
    print(1653)
elif x == 1654:
    print(1654)
elif x == 1655:
    print(1655)
elif x == 1656:
    print(1656)
elif x == 1657:
    print(1657)
elif x == 1658:
    print(1658)
elif x == 1659:
    print(1659)
elif x == 1660:
    print(1660)
elif x == 1661:
    print(1661)
elif x == 1662:
    print(1662)
elif x == 1663:
    print(1663)
elif x == 1664:
    print(1664)
elif x == 1665:
    print(1665)
elif x == 1666:
    print(1666)
elif x == 1667:
    print(1667)
elif x == 1668:
    print(1668)
elif x == 1669:
    print(1669)
elif x == 1670:
    print(1670)
elif x == 1671:
    print(1671)
elif x == 1672:
    print(1672)
elif x == 1673:
    print(1673)
elif x == 1674:
    print(1674)
elif x == 1675:
    print(1675)
elif x == 1676:
    print(1676)
elif x == 1677:
    print(1677)
elif x == 1678:
    print(1678)
elif x == 1679:
    print(1679)
elif x == 1680:
    print(1680)
elif x == 1681:
    print(1681)
elif x == 1682:
    print(1682)
elif x == 1683:
    print(1683)
elif x == 1684:
    print(1684)
elif x == 1685:
    print(1685)
elif x == 1686:
    print(1686)
elif x == 1687:
    print(1687)
elif x == 1688:
    print(1688)
elif x == 1689:
    print(1689)
elif x == 1690:
    print(1690)
elif x == 1691:
    print(1691)
elif x == 1692:
    print(1692)
elif x == 1693:
    print(1693)
elif x == 1694:
    print(1694)
elif x == 1695:
    print(1695)
elif x == 1696:
    print(1696)
elif x == 1697:
    print(1697)
elif x == 1698:
    print(1698)
elif x == 1699:
    print(1699)
elif x == 1700:
    print(1700)
elif x == 1701:
    print(1701)
elif x == 1702:
    print(1702)
elif x == 1703:
    print(1703)
elif x == 1704:
    print(1704)
elif x == 1705:
    print(1705)
elif x == 1706:
    print(1706)
elif x == 1707:
    print(1707)
elif x == 1708:
    print(1708)
elif x == 1709:
    print(1709)
elif x == 1710:
    print(1710)
elif x == 1711:
    print(1711)
elif x == 1712:
    print(1712)
elif x == 1713:
    print(1713)
elif x == 1714:
    print(1714)
elif x == 1715:
    print(1715)
elif x == 1716:
    print(1716)
elif x == 1717:
    print(1717)
elif x == 1718:
    print(1718)
elif x == 1719:
    print(1719)
elif x == 1720:
    print(1720)
elif x == 1721:
    print(1721)
elif x == 1722:
    print(1722)
elif x == 1723:
    print(1723)
elif x == 1724:
    print(1724)
elif x == 1725:
    print(1725)
elif x == 1726:
    print(1726)
elif x == 1727:
    print(1727)
elif x == 1728:
    print(1728)
elif x == 1729:
    print(1729)
elif x == 1730:
    print(1730)
elif x == 1731:
    print(1731)
elif x == 1732:
    print(1732)
elif x == 1733:
    print(1733)
elif x == 1734:
    print(1734)
elif x == 1735:
    print(1735)
elif x == 1736:
    print(1736)
elif x == 1737:
    print(1737)
elif x == 1738:
    print(1738)
elif x == 1739:
    print(1739)
elif x == 1740:
    print(1740)
elif x == 1741:
    print(1741)
elif x == 1742:
    print(1742)
elif x == 1743:
    print(1743)
elif x == 1744:
    print(1744)
elif x == 1745:
    print(1745)
elif x == 1746:
    print(1746)
elif x == 1747:
    print(1747)
elif x == 1748:
    print(1748)
elif x == 1749:
    print(1749)
elif x == 1750:
    print(1750)
elif x == 1751:
    print(1751)
elif x == 1752:
    print(1752)
elif x == 1753:
    print(1753)
elif x == 1754:
    print(1754)
elif x == 1755:
    print(1755)
elif x == 1756:
    print(1756)
elif x == 1757:
    print(1757)
elif x == 1758:
    print(1758)
elif x == 1759:
    print(1759)
elif x == 1760:
    print(1760)
elif x == 1761:
    print(1761)
elif x == 1762:
    print(1762)
elif x == 1763:
    print(1763)
elif x == 1764:
    print(1764)
elif x == 1765:
    print(1765)
elif x == 1766:
    print(1766)
elif x == 1767:
    print(1767)
elif x == 1768:
    print(1768)
elif x == 1769:
    print(1769)
elif x == 1770:
    print(1770)
elif x == 1771:
    print(1771)
elif x == 1772:
    print(1772)
elif x == 1773:
    print(1773)
elif x == 1774:
    print(1774)
elif x == 1775:
    print(1775)
elif x == 1776:
    print(1776)
elif x == 1777:
    print(1777)
elif x == 1778:
    print(1778)
elif x == 1779:
    print(1779)
elif x == 1780:
    print(1780)
elif x == 1781:
    print(1781)
elif x == 1782:
    print(1782)
elif x == 1783:
    print(1783)
elif x == 1784:
    print(1784)
elif x == 1785:
    print(1785)
elif x == 1786:
    print(1786)
elif x == 1787:
    print(1787)
elif x == 1788:
    print(1788)
elif x == 1789:
    print(1789)
elif x == 1790:
    print(1790)
elif x == 1791:
    print(1791)
elif x == 1792:
    print(1792)
elif x == 1793:
    print(1793)
elif x == 1794:
    print(1794)
elif x == 1795:
    print(1795)
elif x == 1796:
    print(1796)
elif x == 1797:
    print(1797)
elif x == 1798:
    print(1798)
elif x == 1799:
    print(1799)
elif x == 1800:
    print(1800)
elif x == 1801:
    print(1801)
elif x == 1802:
    print(1802)
elif x == 1803:
    print(1803)
elif x == 1804:
    print(1804)
elif x == 1805:
    print(1805)
elif x == 1806:
    print(1806)
elif x == 1807:
    print(1807)
elif x == 1808:
    print(1808)
elif x == 1809:
    print(1809)
elif x == 1810:
    print(1810)
elif x == 1811:
    print(1811)
elif x == 1812:
    print(1812)
elif x == 1813:
    print(1813)
elif x == 1814:
    print(1814)
elif x == 1815:
    print(1815)
elif x == 1816:
    print(1816)
elif x == 1817:
    print(1817)
elif x == 1818:
    print(1818)
elif x == 1819:
    print(1819)
elif x == 1820:
    print(1820)
elif x == 1821:
    print(1821)
elif x == 1822:
    print(1822)
elif x == 1823:
    print(1823)
elif x == 1824:
    print(1824)
elif x == 1825:
    print(1825)
elif x == 1826:
    print(1826)
elif x == 1827:
    print(1827)
elif x == 1828:
    print(1828)
elif x == 1829:
    print(1829)
elif x == 1830:
    print(1830)
elif x == 1831:
    print(1831)
elif x == 1832:
    print(1832)
elif x == 1833:
    print(1833)
elif x == 1834:
    print(1834)
elif x == 1835:
    print(1835)
elif x == 1836:
    print(1836)
elif x == 1837:
    print(1837)
elif x == 1838:
    print(1838)
elif x == 1839:
    print(1839)
elif x == 1840:
    print(1840)
elif x == 1841:
    print(1841)
elif x == 1842:
    print(1842)
elif x == 1843:
    print(1843)
elif x == 1844:
    print(1844)
elif x == 1845:
    print(1845)
elif x == 1846:
    print(1846)
elif x == 1847:
    print(1847)
elif x == 1848:
    print(1848)
elif x == 1849:
    print(1849)
elif x == 1850:
    print(1850)
elif x == 1851:
    print(1851)
elif x == 1852:
    print(1852)
elif x == 1853:
    print(1853)
elif x == 1854:
    print(1854)
elif x == 1855:
    print(1855)
elif x == 1856:
    print(1856)
elif x == 1857:
    print(1857)
elif x == 1858:
    print(1858)
elif x == 1859:
    print(1859)
elif x == 1860:
    print(1860)
elif x == 1861:
    print(1861)
elif x == 1862:
    print(1862)
elif x == 1863:
    print(1863)
elif x == 1864:
    print(1864)
elif x == 1865:
    print(1865)
elif x == 1866:
    print(1866)
elif x == 1867:
    print(1867)
elif x == 1868:
    print(1868)
elif x == 1869:
    print(1869)
elif x == 1870:
    print(1870)
elif x == 1871:
    print(1871)
elif x == 1872:
    print(1872)
elif x == 1873:
    print(1873)
elif x == 1874:
    print(1874)
elif x == 1875:
    print(1875)
elif x == 1876:
    print(1876)
elif x == 1877:
    print(1877)
elif x == 1878:
    print(1878)
elif x == 1879:
    print(1879)
elif x == 1880:
    print(1880)
elif x == 1881:
    print(1881)
elif x == 1882:
    print(1882)
elif x == 1883:
    print(1883)
elif x == 1884:
    print(1884)
elif x == 1885:
    print(1885)
elif x == 1886:
    print(1886)
elif x == 1887:
    print(1887)
elif x == 1888:
    print(1888)
elif x == 1889:
    print(1889)
elif x == 1890:
    print(1890)
elif x == 1891:
    print(1891)
elif x == 1892:
    print(1892)
elif x == 1893:
    print(1893)
elif x == 1894:
    print(1894)
elif x == 1895:
    print(1895)
elif x == 1896:
    print(1896)
elif x == 1897:
    print(1897)
elif x == 1898:
    print(1898)
elif x == 1899:
    print(1899)
elif x == 1900:
    print(1900)
elif x == 1901:
    print(1901)
elif x == 1902:
    print(1902)
elif x == 1903:
    print(1903)
elif x == 1904:
    print(1904)
elif x == 1905:
    print(1905)
elif x == 1906:
    print(1906)
elif x == 1907:
    print(1907)
elif x == 1908:
    print(1908)
elif x == 1909:
    print(1909)
elif x == 1910:
    print(1910)
elif x == 1911:
    print(1911)
elif x == 1912:
    print(1912)
elif x == 1913:
    print(1913)
elif x == 1914:
    print(1914)
elif x == 1915:
    print(1915)
elif x == 1916:
    print(1916)
elif x == 1917:
    print(1917)
elif x == 1918:
    print(1918)
elif x == 1919:
    print(1919)
elif x == 1920:
    print(1920)
elif x == 1921:
    print(1921)
elif x == 1922:
    print(1922)
elif x == 1923:
    print(1923)
elif x == 1924:
    print(1924)
elif x == 1925:
    print(1925)
elif x == 1926:
    print(1926)
elif x == 1927:
    print(1927)
elif x == 1928:
    print(1928)
elif x == 1929:
    print(1929)
elif x == 1930:
    print(1930)
elif x == 1931:
    print(1931)
elif x == 1932:
    print(1932)
elif x == 1933:
    print(1933)
elif x == 1934:
    print(1934)
elif x == 1935:
    print(1935)
elif x == 1936:
    print(1936)
elif x == 1937:
    print(1937)
elif x == 1938:
    print(1938)
elif x == 1939:
    print(1939)
elif x == 1940:
    print(1940)
elif x == 1941:
    print(1941)
elif x == 1942:
    print(1942)
elif x == 1943:
    print(1943)
elif x == 1944:
    print(1944)
elif x == 1945:
    print(1945)
elif x == 1946:
    print(1946)
elif x == 1947:
    print(1947)
elif x == 1948:
    print(1948)
elif x == 1949:
    print(1949)
elif x == 1950:
    print(1950)
elif x == 1951:
    print(1951)
elif x == 1952:
    print(1952)
elif x == 1953:
    print(1953)
elif x == 1954:
    print(1954)
elif x == 1955:
    print(1955)
elif x == 1956:
    print(1956)
elif x == 1957:
    print(1957)
elif x == 1958:
    print(1958)
elif x == 1959:
    print(1959)
elif x == 1960:
    print(1960)
elif x == 1961:
    print(1961)
elif x == 1962:
    print(1962)
elif x == 1963:
    print(1963)
elif x == 1964:
    print(1964)
elif x == 1965:
    print(1965)
elif x == 1966:
    print(1966)
elif x == 1967:
    print(1967)
elif x == 1968:
    print(1968)
elif x == 1969:
    print(1969)
elif x == 1970:
    print(1970)
elif x == 1971:
    print(1971)
elif x == 1972:
    print(1972)
elif x == 1973:
    print(1973)
elif x == 1974:
    print(1974)
elif x == 1975:
    print(1975)
elif x == 1976:
    print(1976)
elif x == 1977:
    print(1977)
elif x == 1978:
    print(1978)
elif x == 1979:
    print(1979)
elif x == 1980:
    print(1980)
elif x == 1981:
    print(1981)
elif x == 1982:
    print(1982)
elif x == 1983:
    print(1983)
elif x == 1984:
    print(1984)
elif x == 1985:
    print(1985)
elif x == 1986:
    print(1986)
elif x == 1987:
    print(1987)
elif x == 1988:
    print(1988)
elif x == 1989:
    print(1989)
elif x == 1990:
    print(1990)
elif x == 1991:
    print(1991)
elif x == 1992:
    print(1992)
elif x == 1993:
    print(1993)
elif x == 1994:
    print(1994)
elif x == 1995:
    print(1995)
elif x == 1996:
    print(1996)
elif x == 1997:
    print(1997)
elif x == 1998:
    print(1998)
elif x == 1999:
    print(1999)
elif x == 2000:
    print(2000)
elif x == 2001:
    print(2001)
elif x == 2002:
    print(2002)
elif x == 2003:
    print(2003)
elif x == 2004:
    print(2004)
elif x == 2005:
    print(2005)
elif x == 2006:
    print(2006)
elif x == 2007:
    print(2007)
elif x == 2008:
    print(2008)
elif x == 2009:
    print(2009)
elif x == 2010:
    print(2010)
elif x == 2011:
    print(2011)
elif x == 2012:
    print(2012)
elif x == 2013:
    print(2013)
elif x == 2014:
    print(2014)
elif x == 2015:
    print(2015)
elif x == 2016:
    print(2016)
elif x == 2017:
    print(2017)
elif x == 2018:
    print(2018)
elif x == 2019:
    print(2019)
elif x == 2020:
    print(2020)
elif x == 2021:
    print(2021)
elif x == 2022:
    print(2022)
elif x == 2023:
    print(2023)
elif x == 2024:
    print(2024)
elif x == 2025:
    print(2025)
elif x == 2026:
    print(2026)
elif x == 2027:
    print(2027)
elif x == 2028:
    print(2028)
elif x == 2029:
    print(2029)
elif x == 2030:
    print(2030)
elif x == 2031:
    print(2031)
elif x == 2032:
    print(2032)
elif x == 2033:
    print(2033)
elif x == 2034:
    print(2034)
elif x == 2035:
    print(2035)
elif x == 2036:
    print(2036)
elif x == 2037:
    print(2037)
elif x == 2038:
    print(2038)
elif x == 2039:
    print(2039)
elif x == 2040:
    print(2040)
elif x == 2041:
    print(2041)
elif x == 2042:
    print(2042)
elif x == 2043:
    print(2043)
elif x == 2044:
    print(2044)
elif x == 2045:
    print(2045)
elif x == 2046:
    print(2046)
elif x == 2047:
    print(2047)
elif x == 2048:
    print(2048)
elif x == 2049:
    print(2049)
elif x == 2050:
    print(2050)
elif x == 2051:
    print(2051)
elif x == 2052:
    print(2052)
elif x == 2053:
    print(2053)
elif x == 2054:
    print(2054)
elif x == 2055:
    print(2055)
elif x == 2056:
    print(2056)
elif x == 2057:
    print(2057)
elif x == 2058:
    print(2058)
elif x == 2059:
    print(2059)
elif x == 2060:
    print(2060)
elif x == 2061:
    print(2061)
elif x == 2062:
    print(2062)
elif x == 2063:
    print(2063)
elif x == 2064:
    print(2064)
elif x == 2065:
    print(2065)
elif x == 2066:
    print(2066)
elif x == 2067:
    print(2067)
elif x == 2068:
    print(2068)
elif x == 2069:
    print(2069)
elif x == 2070:
    print(2070)
elif x == 2071:
    print(2071)
elif x == 2072:
    print(2072)
elif x == 2073:
    print(2073)
elif x == 2074:
    print(2074)
elif x == 2075:
    print(2075)
elif x == 2076:
    print(2076)
elif x == 2077:
    print(2077)
elif x == 2078:
    print(2078)
elif x == 2079:
    print(2079)
elif x == 2080:
    print(2080)
elif x == 2081:
    print(2081)
elif x == 2082:
    print(2082)
elif x == 2083:
    print(2083)
elif x == 2084:
    print(2084)
elif x == 2085:
    print(2085)
elif x == 2086:
    print(2086)
elif x == 2087:
    print(2087)
elif x == 2088:
    print(2088)
elif x == 2089:
    print(2089)
elif x == 2090:
    print(2090)
elif x == 2091:
    print(2091)
elif x == 2092:
    print(2092)
elif x == 2093:
    print(2093)
elif x == 2094:
    print(2094)
elif x == 2095:
    print(2095)
elif x == 2096:
    print(2096)
elif x == 2097:
    print(2097)
elif x == 2098:
    print(2098)
elif x == 2099:
    print(2099)
elif x == 2100:
    print(2100)
elif x == 2101:
    print(2101)
elif x == 2102:
    print(2102)
elif x == 2103:
    print(2103)
elif x == 2104:
    print(2104)
elif x == 2105:
    print(2105)
elif x == 2106:
    print(2106)
elif x == 2107:
    print(2107)
elif x == 2108:
    print(2108)
elif x == 2109:
    print(2109)
elif x == 2110:
    print(2110)
elif x == 2111:
    print(2111)
elif x == 2112:
    print(2112)
elif x == 2113:
    print(2113)
elif x == 2114:
    print(2114)
elif x == 2115:
    print(2115)
elif x == 2116:
    print(2116)
elif x == 2117:
    print(2117)
elif x == 2118:
    print(2118)
elif x == 2119:
    print(2119)
elif x == 2120:
    print(2120)
elif x == 2121:
    print(2121)
elif x == 2122:
    print(2122)
elif x == 2123:
    print(2123)
elif x == 2124:
    print(2124)
elif x == 2125:
    print(2125)
elif x == 2126:
    print(2126)
elif x == 2127:
    print(2127)
elif x == 2128:
    print(2128)
elif x == 2129:
    print(2129)
elif x == 2130:
    print(2130)
elif x == 2131:
    print(2131)
elif x == 2132:
    print(2132)
elif x == 2133:
    print(2133)
elif x == 2134:
    print(2134)
elif x == 2135:
    print(2135)
elif x == 2136:
    print(2136)
elif x == 2137:
    print(2137)
elif x == 2138:
    print(2138)
elif x == 2139:
    print(2139)
elif x == 2140:
    print(2140)
elif x == 2141:
    print(2141)
elif x == 2142:
    print(2142)
elif x == 2143:
    print(2143)
elif x == 2144:
    print(2144)
elif x == 2145:
    print(2145)
elif x == 2146:
    print(2146)
elif x == 2147:
    print(2147)
elif x == 2148:
    print(2148)
elif x == 2149:
    print(2149)
elif x == 2150:
    print(2150)
elif x == 2151:
    print(2151)
elif x == 2152:
    print(2152)
elif x == 2153:
    print(2153)
elif x == 2154:
    print(2154)
elif x == 2155:
    print(2155)
elif x == 2156:
    print(2156)
elif x == 2157:
    print(2157)
elif x == 2158:
    print(2158)
elif x == 2159:
    print(2159)
elif x == 2160:
    print(2160)
elif x == 2161:
    print(2161)
elif x == 2162:
    print(2162)
elif x == 2163:
    print(2163)
elif x == 2164:
    print(2164)
elif x == 2165:
    print(2165)
elif x == 2166:
    print(2166)
elif x == 2167:
    print(2167)
elif x == 2168:
    print(2168)
elif x == 2169:
    print(2169)
elif x == 2170:
    print(2170)
elif x == 2171:
    print(2171)
elif x == 2172:
    print(2172)
elif x == 2173:
    print(2173)
elif x == 2174:
    print(2174)
elif x == 2175:
    print(2175)
elif x == 2176:
    print(2176)
elif x == 2177:
    print(2177)
elif x == 2178:
    print(2178)
elif x == 2179:
    print(2179)
elif x == 2180:
    print(2180)
elif x == 2181:
    print(2181)
elif x == 2182:
    print(2182)
elif x == 2183:
    print(2183)
elif x == 2184:
    print(2184)
elif x == 2185:
    print(2185)
elif x == 2186:
    print(2186)
elif x == 2187:
    print(2187)
elif x == 2188:
    print(2188)
elif x == 2189:
    print(2189)
elif x == 2190:
    print(2190)
elif x == 2191:
    print(2191)
elif x == 2192:
    print(2192)
elif x == 2193:
    print(2193)
elif x == 2194:
    print(2194)
elif x == 2195:
    print(2195)
elif x == 2196:
    print(2196)
elif x == 2197:
    print(2197)
elif x == 2198:
    print(2198)
elif x == 2199:
    print(2199)
elif x == 2200:
    print(2200)
elif x == 2201:
    print(2201)
elif x == 2202:
    print(2202)
elif x == 2203:
    print(2203)
elif x == 2204:
    print(2204)
elif x == 2205:
    print(2205)
elif x == 2206:
    print(2206)
elif x == 2207:
    print(2207)
elif x == 2208:
    print(2208)
elif x == 2209:
    print(2209)
elif x == 2210:
    print(2210)
elif x == 2211:
    print(2211)
elif x == 2212:
    print(2212)
elif x == 2213:
    print(2213)
elif x == 2214:
    print(2214)
elif x == 2215:
    print(2215)
elif x == 2216:
    print(2216)
elif x == 2217:
    print(2217)
elif x == 2218:
    print(2218)
elif x == 2219:
    print(2219)
elif x == 2220:
    print(2220)
elif x == 2221:
    print(2221)
elif x == 2222:
    print(2222)
elif x == 2223:
    print(2223)
elif x == 2224:
    print(2224)
elif x == 2225:
    print(2225)
elif x == 2226:
    print(2226)
elif x == 2227:
    print(2227)
elif x == 2228:
    print(2228)
elif x == 2229:
    print(2229)
elif x == 2230:
    print(2230)
elif x == 2231:
    print(2231)
elif x == 2232:
    print(2232)
elif x == 2233:
    print(2233)
elif x == 2234:
    print(2234)
elif x == 2235:
    print(2235)
elif x == 2236:
    print(2236)
elif x == 2237:
    print(2237)
elif x == 2238:
    print(2238)
elif x == 2239:
    print(2239)
elif x == 2240:
    print(2240)
elif x == 2241:
    print(2241)
elif x == 2242:
    print(2242)
elif x == 2243:
    print(2243)
elif x == 2244:
    print(2244)
elif x == 2245:
    print(2245)
elif x == 2246:
    print(2246)
elif x == 2247:
    print(2247)
elif x == 2248:
    print(2248)
elif x == 2249:
    print(2249)
elif x == 2250:
    print(2250)
elif x == 2251:
    print(2251)
elif x == 2252:
    print(2252)
elif x == 2253:
    print(2253)
elif x == 2254:
    print(2254)
elif x == 2255:
    print(2255)
elif x == 2256:
    print(2256)
elif x == 2257:
    print(2257)
elif x == 2258:
    print(2258)
elif x == 2259:
    print(2259)
elif x == 2260:
    print(2260)
elif x == 2261:
    print(2261)
elif x == 2262:
    print(2262)
elif x == 2263:
    print(2263)
elif x == 2264:
    print(2264)
elif x == 2265:
    print(2265)
elif x == 2266:
    print(2266)
elif x == 2267:
    print(2267)
elif x == 2268:
    print(2268)
elif x == 2269:
    print(2269)
elif x == 2270:
    print(2270)
elif x == 2271:
    print(2271)
elif x == 2272:
    print(2272)
elif x == 2273:
    print(2273)
elif x == 2274:
    print(2274)
elif x == 2275:
    print(2275)
elif x == 2276:
    print(2276)
elif x == 2277:
    print(2277)
elif x == 2278:
    print(2278)
elif x == 2279:
    print(2279)
elif x == 2280:
    print(2280)
elif x == 2281:
    print(2281)
elif x == 2282:
    print(2282)
elif x == 2283:
    print(2283)
elif x == 2284:
    print(2284)
elif x == 2285:
    print(2285)
elif x == 2286:
    print(2286)
elif x == 2287:
    print(2287)
elif x == 2288:
    print(2288)
elif x == 2289:
    print(2289)
elif x == 2290:
    print(2290)
elif x == 2291:
    print(2291)
elif x == 2292:
    print(2292)
elif x == 2293:
    print(2293)
elif x == 2294:
    print(2294)
elif x == 2295:
    print(2295)
elif x == 2296:
    print(2296)
elif x == 2297:
    print(2297)
elif x == 2298:
    print(2298)
elif x == 2299:
    print(2299)
elif x == 2300:
    print(2300)
elif x == 2301:
    print(2301)
elif x == 2302:
    print(2302)
elif x == 2303:
    print(2303)
elif x == 2304:
    print(2304)
elif x == 2305:
    print(2305)
elif x == 2306:
    print(2306)
elif x == 2307:
    print(2307)
elif x == 2308:
    print(2308)
elif x == 2309:
    print(2309)
elif x == 2310:
    print(2310)
elif x == 2311:
    print(2311)
elif x == 2312:
    print(2312)
elif x == 2313:
    print(2313)
elif x == 2314:
    print(2314)
elif x == 2315:
    print(2315)
elif x == 2316:
    print(2316)
elif x == 2317:
    print(2317)
elif x == 2318:
    print(2318)
elif x == 2319:
    print(2319)
elif x == 2320:
    print(2320)
elif x == 2321:
    print(2321)
elif x == 2322:
    print(2322)
elif x == 2323:
    print(2323)
elif x == 2324:
    print(2324)
elif x == 2325:
    print(2325)
elif x == 2326:
    print(2326)
elif x == 2327:
    print(2327)
elif x == 2328:
    print(2328)
elif x == 2329:
    print(2329)
elif x == 2330:
    print(2330)
elif x == 2331:
    print(2331)
elif x == 2332:
    print(2332)
elif x == 2333:
    print(2333)
elif x == 2334:
    print(2334)
elif x == 2335:
    print(2335)
elif x == 2336:
    print(2336)
elif x == 2337:
    print(2337)
elif x == 2338:
    print(2338)
elif x == 2339:
    print(2339)
elif x == 2340:
    print(2340)
elif x == 2341:
    print(2341)
elif x == 2342:
    print(2342)
elif x == 2343:
    print(2343)
elif x == 2344:
    print(2344)
elif x == 2345:
    print(2345)
elif x == 2346:
    print(2346)
elif x == 2347:
    print(2347)
elif x == 2348:
    print(2348)
elif x == 2349:
    print(2349)
elif x == 2350:
    print(2350)
elif x == 2351:
    print(2351)
elif x == 2352:
    print(2352)
elif x == 2353:
    print(2353)
elif x == 2354:
    print(2354)
elif x == 2355:
    print(2355)
elif x == 2356:
    print(2356)
elif x == 2357:
    print(2357)
elif x == 2358:
    print(2358)
elif x == 2359:
    print(2359)
elif x == 2360:
    print(2360)
elif x == 2361:
    print(2361)
elif x == 2362:
    print(2362)
elif x == 2363:
    print(2363)
elif x == 2364:
    print(2364)
elif x == 2365:
    print(2365)
elif x == 2366:
    print(2366)
elif x == 2367:
    print(2367)
elif x == 2368:
    print(2368)
elif x == 2369:
    print(2369)
elif x == 2370:
    print(2370)
elif x == 2371:
    print(2371)
elif x == 2372:
    print(2372)
elif x == 2373:
    print(2373)
elif x == 2374:
    print(2374)
elif x == 2375:
    print(2375)
elif x == 2376:
    print(2376)
elif x == 2377:
    print(2377)
elif x == 2378:
    print(2378)
elif x == 2379:
    print(2379)
elif x == 2380:
    print(2380)
elif x == 2381:
    print(2381)
elif x == 2382:
    print(2382)
elif x == 2383:
    print(2383)
elif x == 2384:
    print(2384)
elif x == 2385:
    print(2385)
elif x == 2386:
    print(2386)
elif x == 2387:
    print(2387)
elif x == 2388:
    print(2388)
elif x == 2389:
    print(2389)
elif x == 2390:
    print(2390)
elif x == 2391:
    print(2391)
elif x == 2392:
    print(2392)
elif x == 2393:
    print(2393)
elif x == 2394:
    print(2394)
elif x == 2395:
    print(2395)
elif x == 2396:
    print(2396)
elif x == 2397:
    print(2397)
elif x == 2398:
    print(2398)
elif x == 2399:
    print(2399)
elif x == 2400:
    print(2400)
elif x == 2401:
    print(2401)
elif x == 2402:
    print(2402)
elif x == 2403:
    print(2403)
elif x == 2404:
    print(2404)
elif x == 2405:
    print(2405)
elif x == 2406:
    print(2406)
elif x == 2407:
    print(2407)
elif x == 2408:
    print(2408)
elif x == 2409:
    print(2409)
elif x == 2410:
    print(2410)
elif x == 2411:
    print(2411)
elif x == 2412:
    print(2412)
elif x == 2413:
    print(2413)
elif x == 2414:
    print(2414)
elif x == 2415:
    print(2415)
elif x == 2416:
    print(2416)
elif x == 2417:
    print(2417)
elif x == 2418:
    print(2418)
elif x == 2419:
    print(2419)
elif x == 2420:
    print(2420)
elif x == 2421:
    print(2421)
elif x == 2422:
    print(2422)
elif x == 2423:
    print(2423)
elif x == 2424:
    print(2424)
elif x == 2425:
    print(2425)
elif x == 2426:
    print(2426)
elif x == 2427:
    print(2427)
elif x == 2428:
    print(2428)
elif x == 2429:
    print(2429)
elif x == 2430:
    print(2430)
elif x == 2431:
    print(2431)
elif x == 2432:
    print(2432)
elif x == 2433:
    print(2433)
elif x == 2434:
    print(2434)
elif x == 2435:
    print(2435)
elif x == 2436:
    print(2436)
elif x == 2437:
    print(2437)
elif x == 2438:
    print(2438)
elif x == 2439:
    print(2439)
elif x == 2440:
    print(2440)
elif x == 2441:
    print(2441)
elif x == 2442:
    print(2442)
elif x == 2443:
    print(2443)
elif x == 2444:
    print(2444)
elif x == 2445:
    print(2445)
elif x == 2446:
    print(2446)
elif x == 2447:
    print(2447)
elif x == 2448:
    print(2448)
elif x == 2449:
    print(2449)
elif x == 2450:
    print(2450)
elif x == 2451:
    print(2451)
elif x == 2452:
    print(2452)
elif x == 2453:
    print(2453)
elif x == 2454:
    print(2454)
elif x == 2455:
    print(2455)
elif x == 2456:
    print(2456)
elif x == 2457:
    print(2457)
elif x == 2458:
    print(2458)
elif x == 2459:
    print(2459)
elif x == 2460:
    print(2460)
elif x == 2461:
    print(2461)
elif x == 2462:
    print(2462)
elif x == 2463:
    print(2463)
elif x == 2464:
    print(2464)
elif x == 2465:
    print(2465)
elif x == 2466:
    print(2466)
elif x == 2467:
    print(2467)
elif x == 2468:
    print(2468)
elif x == 2469:
    print(2469)
elif x == 2470:
    print(2470)
elif x == 2471:
    print(2471)
elif x == 2472:
    print(2472)
elif x == 2473:
    print(2473)
elif x == 2474:
    print(2474)
elif x == 2475:
    print(2475)
elif x == 2476:
    print(2476)
elif x == 2477:
    print(2477)
elif x == 2478:
    print(2478)
elif x == 2479:
    print(2479)
elif x == 2480:
    print(2480)
elif x == 2481:
    print(2481)
elif x == 2482:
    print(2482)
elif x == 2483:
    print(2483)
elif x == 2484:
    print(2484)
elif x == 2485:
    print(2485)
elif x == 2486:
    print(2486)
elif x == 2487:
    print(2487)
elif x == 2488:
    print(2488)
elif x == 2489:
    print(2489)
elif x == 2490:
    print(2490)
elif x == 2491:
    print(2491)
elif x == 2492:
    print(2492)
elif x == 2493:
    print(2493)
elif x == 2494:
    print(2494)
elif x == 2495:
    print(2495)
elif x == 2496:
    print(2496)
elif x == 2497:
    print(2497)
elif x == 2498:
    print(2498)
elif x == 2499:
    print(2499)
elif x == 2500:
    print(2500)
elif x == 2501:
    print(2501)
elif x == 2502:
    print(2502)
elif x == 2503:
    print(2503)
elif x == 2504:
    print(2504)
elif x == 2505:
    print(2505)
elif x == 2506:
    print(2506)
elif x == 2507:
    print(2507)
elif x == 2508:
    print(2508)
elif x == 2509:
    print(2509)
elif x == 2510:
    print(2510)
elif x == 2511:
    print(2511)
elif x == 2512:
    print(2512)
elif x == 2513:
    print(2513)
elif x == 2514:
    print(2514)
elif x == 2515:
    print(2515)
elif x == 2516:
    print(2516)
elif x == 2517:
    print(2517)
elif x == 2518:
    print(2518)
elif x == 2519:
    print(2519)
elif x == 2520:
    print(2520)
elif x == 2521:
    print(2521)
elif x == 2522:
    print(2522)
elif x == 2523:
    print(2523)
elif x == 2524:
    print(2524)
elif x == 2525:
    print(2525)
elif x == 2526:
    print(2526)
elif x == 2527:
    print(2527)
elif x == 2528:
    print(2528)
elif x == 2529:
    print(2529)
elif x == 2530:
    print(2530)
elif x == 2531:
    print(2531)
elif x == 2532:
    print(2532)
elif x == 2533:
    print(2533)
elif x == 2534:
    print(2534)
elif x == 2535:
    print(2535)
elif x == 2536:
    print(2536)
elif x == 2537:
    print(2537)
elif x == 2538:
    print(2538)
elif x == 2539:
    print(2539)
elif x == 2540:
    print(2540)
elif x == 2541:
    print(2541)
elif x == 2542:
    print(2542)
elif x == 2543:
    print(2543)
elif x == 2544:
    print(2544)
elif x == 2545:
    print(2545)
elif x == 2546:
    print(2546)
elif x == 2547:
    print(2547)
elif x == 2548:
    print(2548)
elif x == 2549:
    print(2549)
elif x == 2550:
    print(2550)
elif x == 2551:
    print(2551)
elif x == 2552:
    print(2552)
elif x == 2553:
    print(2553)
elif x == 2554:
    print(2554)
elif x == 2555:
    print(2555)
elif x == 2556:
    print(2556)
elif x == 2557:
    print(2557)
elif x == 2558:
    print(2558)
elif x == 2559:
    print(2559)
elif x == 2560:
    print(2560)
elif x == 2561:
    print(2561)
elif x == 2562:
    print(2562)
elif x == 2563:
    print(2563)
elif x == 2564:
    print(2564)
elif x == 2565:
    print(2565)
elif x == 2566:
    print(2566)
elif x == 2567:
    print(2567)
elif x == 2568:
    print(2568)
elif x == 2569:
    print(2569)
elif x == 2570:
    print(2570)
elif x == 2571:
    print(2571)
elif x == 2572:
    print(2572)
elif x == 2573:
    print(2573)
elif x == 2574:
    print(2574)
elif x == 2575:
    print(2575)
elif x == 2576:
    print(2576)
elif x == 2577:
    print(2577)
elif x == 2578:
    print(2578)
elif x == 2579:
    print(2579)
elif x == 2580:
    print(2580)
elif x == 2581:
    print(2581)
elif x == 2582:
    print(2582)
elif x == 2583:
    print(2583)
elif x == 2584:
    print(2584)
elif x == 2585:
    print(2585)
elif x == 2586:
    print(2586)
elif x == 2587:
    print(2587)
elif x == 2588:
    print(2588)
elif x == 2589:
    print(2589)
elif x == 2590:
    print(2590)
elif x == 2591:
    print(2591)
elif x == 2592:
    print(2592)
elif x == 2593:
    print(2593)
elif x == 2594:
    print(2594)
elif x == 2595:
    print(2595)
elif x == 2596:
    print(2596)
elif x == 2597:
    print(2597)
elif x == 2598:
    print(2598)
elif x == 2599:
    print(2599)
elif x == 2600:
    print(2600)
elif x == 2601:
    print(2601)
elif x == 2602:
    print(2602)
elif x == 2603:
    print(2603)
elif x == 2604:
    print(2604)
elif x == 2605:
    print(2605)
elif x == 2606:
    print(2606)
elif x == 2607:
    print(2607)
elif x == 2608:
    print(2608)
elif x == 2609:
    print(2609)
elif x == 2610:
    print(2610)
elif x == 2611:
    print(2611)
elif x == 2612:
    print(2612)
elif x == 2613:
    print(2613)
elif x == 2614:
    print(2614)
elif x == 2615:
    print(2615)
elif x == 2616:
    print(2616)
elif x == 2617:
    print(2617)
elif x == 2618:
    print(2618)
elif x == 2619:
    print(2619)
elif x == 2620:
    print(2620)
elif x == 2621:
    print(2621)
elif x == 2622:
    print(2622)
elif x == 2623:
    print(2623)
elif x == 2624:
    print(2624)
elif x == 2625:
    print(2625)
elif x == 2626:
    print(2626)
elif x == 2627:
    print(2627)
elif x == 2628:
    print(2628)
elif x == 2629:
    print(2629)
elif x == 2630:
    print(2630)
elif x == 2631:
    print(2631)
elif x == 2632:
    print(2632)
elif x == 2633:
    print(2633)
elif x == 2634:
    print(2634)
elif x == 2635:
    print(2635)
elif x == 2636:
    print(2636)
elif x == 2637:
    print(2637)
elif x == 2638:
    print(2638)
elif x == 2639:
    print(2639)
elif x == 2640:
    print(2640)
elif x == 2641:
    print(2641)
elif x == 2642:
    print(2642)
elif x == 2643:
    print(2643)
elif x == 2644:
    print(2644)
elif x == 2645:
    print(2645)
elif x == 2646:
    print(2646)
elif x == 2647:
    print(2647)
elif x == 2648:
    print(2648)
elif x == 2649:
    print(2649)
elif x == 2650:
    print(2650)
elif x == 2651:
    print(2651)
elif x == 2652:
    print(2652)
elif x == 2653:
    print(2653)
elif x == 2654:
    print(2654)
elif x == 2655:
    print(2655)
elif x == 2656:
    print(2656)
elif x == 2657:
    print(2657)
elif x == 2658:
    print(2658)
elif x == 2659:
    print(2659)
elif x == 2660:
    print(2660)
elif x == 2661:
    print(2661)
elif x == 2662:
    print(2662)
elif x == 2663:
    print(2663)
elif x == 2664:
    print(2664)
elif x == 2665:
    print(2665)
elif x == 2666:
    print(2666)
elif x == 2667:
    print(2667)
elif x == 2668:
    print(2668)
elif x == 2669:
    print(2669)
elif x == 2670:
    print(2670)
elif x == 2671:
    print(2671)
elif x == 2672:
    print(2672)
elif x == 2673:
    print(2673)
elif x == 2674:
    print(2674)
elif x == 2675:
    print(2675)
elif x == 2676:
    print(2676)
elif x == 2677:
    print(2677)
elif x == 2678:
    print(2678)
elif x == 2679:
    print(2679)
elif x == 2680:
    print(2680)
elif x == 2681:
    print(2681)
elif x == 2682:
    print(2682)
elif x == 2683:
    print(2683)
elif x == 2684:
    print(2684)
elif x == 2685:
    print(2685)
elif x == 2686:
    print(2686)
elif x == 2687:
    print(2687)
elif x == 2688:
    print(2688)
elif x == 2689:
    print(2689)
elif x == 2690:
    print(2690)
elif x == 2691:
    print(2691)
elif x == 2692:
    print(2692)
elif x == 2693:
    print(2693)
elif x == 2694:
    print(2694)
elif x == 2695:
    print(2695)
elif x == 2696:
    print(2696)
elif x == 2697:
    print(2697)
elif x == 2698:
    print(2698)
elif x == 2699:
    print(2699)
elif x == 2700:
    print(2700)
elif x == 2701:
    print(2701)
elif x == 2702:
    print(2702)
elif x == 2703:
    print(2703)
elif x == 2704:
    print(2704)
elif x == 2705:
    print(2705)
elif x == 2706:
    print(2706)
elif x == 2707:
    print(2707)
elif x == 2708:
    print(2708)
elif x == 2709:
    print(2709)
elif x == 2710:
    print(2710)
elif x == 2711:
    print(2711)
elif x == 2712:
    print(2712)
elif x == 2713:
    print(2713)
elif x == 2714:
    print(2714)
elif x == 2715:
    print(2715)
elif x == 2716:
    print(2716)
elif x == 2717:
    print(2717)
elif x == 2718:
    print(2718)
elif x == 2719:
    print(2719)
elif x == 2720:
    print(2720)
elif x == 2721:
    print(2721)
elif x == 2722:
    print(2722)
elif x == 2723:
    print(2723)
elif x == 2724:
    print(2724)
elif x == 2725:
    print(2725)
elif x == 2726:
    print(2726)
elif x == 2727:
    print(2727)
elif x == 2728:
    print(2728)
elif x == 2729:
    print(2729)
elif x == 2730:
    print(2730)
elif x == 2731:
    print(2731)
elif x == 2732:
    print(2732)
elif x == 2733:
    print(2733)
elif x == 2734:
    print(2734)
elif x == 2735:
    print(2735)
elif x == 2736:
    print(2736)
elif x == 2737:
    print(2737)
elif x == 2738:
    print(2738)
elif x == 2739:
    print(2739)
elif x == 2740:
    print(2740)
elif x == 2741:
    print(2741)
elif x == 2742:
    print(2742)
elif x == 2743:
    print(2743)
elif x == 2744:
    print(2744)
elif x == 2745:
    print(2745)
elif x == 2746:
    print(2746)
elif x == 2747:
    print(2747)
elif x == 2748:
    print(2748)
elif x == 2749:
    print(2749)
elif x == 2750:
    print(2750)
elif x == 2751:
    print(2751)
elif x == 2752:
    print(2752)
elif x == 2753:
    print(2753)
elif x == 2754:
    print(2754)
elif x == 2755:
    print(2755)
elif x == 2756:
    print(2756)
elif x == 2757:
    print(2757)
elif x == 2758:
    print(2758)
elif x == 2759:
    print(2759)
elif x == 2760:
    print(2760)
elif x == 2761:
    print(2761)
elif x == 2762:
    print(2762)
elif x == 2763:
    print(2763)
elif x == 2764:
    print(2764)
elif x == 2765:
    print(2765)
elif x == 2766:
    print(2766)
elif x == 2767:
    print(2767)
elif x == 2768:
    print(2768)
elif x == 2769:
    print(2769)
elif x == 2770:
    print(2770)
elif x == 2771:
    print(2771)
elif x == 2772:
    print(2772)
elif x == 2773:
    print(2773)
elif x == 2774:
    print(2774)
elif x == 2775:
    print(2775)
elif x == 2776:
    print(2776)
elif x == 2777:
    print(2777)
elif x == 2778:
    print(2778)
elif x == 2779:
    print(2779)
elif x == 2780:
    print(2780)
elif x == 2781:
    print(2781)
elif x == 2782:
    print(2782)
elif x == 2783:
    print(2783)
elif x == 2784:
    print(2784)
elif x == 2785:
    print(2785)
elif x == 2786:
    print(2786)
elif x == 2787:
    print(2787)
elif x == 2788:
    print(2788)
elif x == 2789:
    print(2789)
elif x == 2790:
    print(2790)
elif x == 2791:
    print(2791)
elif x == 2792:
    print(2792)
elif x == 2793:
    print(2793)
elif x == 2794:
    print(2794)
elif x == 2795:
    print(2795)
elif x == 2796:
    print(2796)
elif x == 2797:
    print(2797)
elif x == 2798:
    print(2798)
elif x == 2799:
    print(2799)
elif x == 2800:
    print(2800)
elif x == 2801:
    print(2801)
elif x == 2802:
    print(2802)
elif x == 2803:
    print(2803)
elif x == 2804:
    print(2804)
elif x == 2805:
    print(2805)
elif x == 2806:
    print(2806)
elif x == 2807:
    print(2807)
elif x == 2808:
    print(2808)
elif x == 2809:
    print(2809)
elif x == 2810:
    print(2810)
elif x == 2811:
    print(2811)
elif x == 2812:
    print(2812)
elif x == 2813:
    print(2813)
elif x == 2814:
    print(2814)
elif x == 2815:
    print(2815)
elif x == 2816:
    print(2816)
elif x == 2817:
    print(2817)
elif x == 2818:
    print(2818)
elif x == 2819:
    print(2819)
elif x == 2820:
    print(2820)
elif x == 2821:
    print(2821)
elif x == 2822:
    print(2822)
elif x == 2823:
    print(2823)
elif x == 2824:
    print(2824)
elif x == 2825:
    print(2825)
elif x == 2826:
    print(2826)
elif x == 2827:
    print(2827)
elif x == 2828:
    print(2828)
elif x == 2829:
    print(2829)
elif x == 2830:
    print(2830)
elif x == 2831:
    print(2831)
elif x == 2832:
    print(2832)
elif x == 2833:
    print(2833)
elif x == 2834:
    print(2834)
elif x == 2835:
    print(2835)
elif x == 2836:
    print(2836)
elif x == 2837:
    print(2837)
elif x == 2838:
    print(2838)
elif x == 2839:
    print(2839)
elif x == 2840:
    print(2840)
elif x == 2841:
    print(2841)
elif x == 2842:
    print(2842)
elif x == 2843:
    print(2843)
elif x == 2844:
    print(2844)
elif x == 2845:
    print(2845)
elif x == 2846:
    print(2846)
elif x == 2847:
    print(2847)
elif x == 2848:
    print(2848)
elif x == 2849:
    print(2849)
elif x == 2850:
    print(2850)
elif x == 2851:
    print(2851)
elif x == 2852:
    print(2852)
elif x == 2853:
    print(2853)
elif x == 2854:
    print(2854)
elif x == 2855:
    print(2855)
elif x == 2856:
    print(2856)
elif x == 2857:
    print(2857)
elif x == 2858:
    print(2858)
elif x == 2859:
    print(2859)
elif x == 2860:
    print(2860)
elif x == 2861:
    print(2861)
elif x == 2862:
    print(2862)
elif x == 2863:
    print(2863)
elif x == 2864:
    print(2864)
elif x == 2865:
    print(2865)
elif x == 2866:
    print(2866)
elif x == 2867:
    print(2867)
elif x == 2868:
    print(2868)
elif x == 2869:
    print(2869)
elif x == 2870:
    print(2870)
elif x == 2871:
    print(2871)
elif x == 2872:
    print(2872)
elif x == 2873:
    print(2873)
elif x == 2874:
    print(2874)
elif x == 2875:
    print(2875)
elif x == 2876:
    print(2876)
elif x == 2877:
    print(2877)
elif x == 2878:
    print(2878)
elif x == 2879:
    print(2879)
elif x == 2880:
    print(2880)
elif x == 2881:
    print(2881)
elif x == 2882:
    print(2882)
elif x == 2883:
    print(2883)
elif x == 2884:
    print(2884)
elif x == 2885:
    print(2885)
elif x == 2886:
    print(2886)
elif x == 2887:
    print(2887)
elif x == 2888:
    print(2888)
elif x == 2889:
    print(2889)
elif x == 2890:
    print(2890)
elif x == 2891:
    print(2891)
elif x == 2892:
    print(2892)
elif x == 2893:
    print(2893)
elif x == 2894:
    print(2894)
elif x == 2895:
    print(2895)
elif x == 2896:
    print(2896)
elif x == 2897:
    print(2897)
elif x == 2898:
    print(2898)
elif x == 2899:
    print(2899)
elif x == 2900:
    print(2900)
elif x == 2901:
    print(2901)
elif x == 2902:
    print(2902)
elif x == 2903:
    print(2903)
elif x == 2904:
    print(2904)
elif x == 2905:
    print(2905)
elif x == 2906:
    print(2906)
elif x == 2907:
    print(2907)
elif x == 2908:
    print(2908)
elif x == 2909:
    print(2909)
elif x == 2910:
    print(2910)
elif x == 2911:
    print(2911)
elif x == 2912:
    print(2912)
elif x == 2913:
    print(2913)
elif x == 2914:
    print(2914)
elif x == 2915:
    print(2915)
elif x == 2916:
    print(2916)
elif x == 2917:
    print(2917)
elif x == 2918:
    print(2918)
elif x == 2919:
    print(2919)
elif x == 2920:
    print(2920)
elif x == 2921:
    print(2921)
elif x == 2922:
    print(2922)
elif x == 2923:
    print(2923)
elif x == 2924:
    print(2924)
elif x == 2925:
    print(2925)
elif x == 2926:
    print(2926)
elif x == 2927:
    print(2927)
elif x == 2928:
    print(2928)
elif x == 2929:
    print(2929)
elif x == 2930:
    print(2930)
elif x == 2931:
    print(2931)
elif x == 2932:
    print(2932)
elif x == 2933:
    print(2933)
elif x == 2934:
    print(2934)
elif x == 2935:
    print(2935)
elif x == 2936:
    print(2936)
elif x == 2937:
    print(2937)
elif x == 2938:
    print(2938)
elif x == 2939:
    print(2939)
elif x == 2940:
    print(2940)
elif x == 2941:
    print(2941)
elif x == 2942:
    print(2942)
elif x == 2943:
    print(2943)
elif x == 2944:
    print(2944)
elif x == 2945:
    print(2945)
elif x == 2946:
    print(2946)
elif x == 2947:
    print(2947)
elif x == 2948:
    print(2948)
elif x == 2949:
    print(2949)
elif x == 2950:
    print(2950)
elif x == 2951:
    print(2951)
elif x == 2952:
    print(2952)
elif x == 2953:
    print(2953)
elif x == 2954:
    print(2954)
elif x == 2955:
    print(2955)
elif x == 2956:
    print(2956)
elif x == 2957:
    print(2957)
elif x == 2958:
    print(2958)
elif x == 2959:
    print(2959)
elif x == 2960:
    print(2960)
elif x == 2961:
    print(2961)
elif x == 2962:
    print(2962)
elif x == 2963:
    print(2963)
elif x == 2964:
    print(2964)
elif x == 2965:
    print(2965)
elif x == 2966:
    print(2966)
elif x == 2967:
    print(2967)
elif x == 2968:
    print(2968)
elif x == 2969:
    print(2969)
elif x == 2970:
    print(2970)
elif x == 2971:
    print(2971)
elif x == 2972:
    print(2972)
elif x == 2973:
    print(2973)
elif x == 2974:
    print(2974)
elif x == 2975:
    print(2975)
elif x == 2976:
    print(2976)
elif x == 2977:
    print(2977)
elif x == 2978:
    print(2978)
elif x == 2979:
    print(2979)
elif x == 2980:
    print(2980)
elif x == 2981:
    print(2981)
elif x == 2982:
    print(2982)
elif x == 2983:
    print(2983)
elif x == 2984:
    print(2984)
elif x == 2985:
    print(2985)
elif x == 2986:
    print(2986)
elif x == 2987:
    print(2987)
elif x == 2988:
    print(2988)
elif x == 2989:
    print(2989)
elif x == 2990:
    print(2990)
elif x == 2991:
    print(2991)
elif x == 2992:
    print(2992)
elif x == 2993:
    print(2993)
elif x == 2994:
    print(2994)
elif x == 2995:
    print(2995)
elif x == 2996:
    print(2996)
elif x == 2997:
    print(2997)
elif x == 2998:
    print(2998)
elif x == 2999:
    print(2999)
elif x == 3000:
    print(3000)
elif x == 3001:
    print(3001)
elif x == 3002:
    print(3002)
elif x == 3003:
    print(3003)
elif x == 3004:
    print(3004)
elif x == 3005:
    print(3005)
elif x == 3006:
    print(3006)
elif x == 3007:
    print(3007)
elif x == 3008:
    print(3008)
elif x == 3009:
    print(3009)
elif x == 3010:
    print(3010)
elif x == 3011:
    print(3011)
elif x == 3012:
    print(3012)
elif x == 3013:
    print(3013)
elif x == 3014:
    print(3014)
elif x == 3015:
    print(3015)
elif x == 3016:
    print(3016)
elif x == 3017:
    print(3017)
elif x == 3018:
    print(3018)
elif x == 3019:
    print(3019)
elif x == 3020:
    print(3020)
elif x == 3021:
    print(3021)
elif x == 3022:
    print(3022)
elif x == 3023:
    print(3023)
elif x == 3024:
    print(3024)
elif x == 3025:
    print(3025)
elif x == 3026:
    print(3026)
elif x == 3027:
    print(3027)
elif x == 3028:
    print(3028)
elif x == 3029:
    print(3029)
elif x == 3030:
    print(3030)
elif x == 3031:
    print(3031)
elif x == 3032:
    print(3032)
elif x == 3033:
    print(3033)
elif x == 3034:
    print(3034)
elif x == 3035:
    print(3035)
elif x == 3036:
    print(3036)
elif x == 3037:
    print(3037)
elif x == 3038:
    print(3038)
elif x == 3039:
    print(3039)
elif x == 3040:
    print(3040)
elif x == 3041:
    print(3041)
elif x == 3042:
    print(3042)
elif x == 3043:
    print(3043)
elif x == 3044:
    print(3044)
elif x == 3045:
    print(3045)
elif x == 3046:
    print(3046)
elif x == 3047:
    print(3047)
elif x == 3048:
    print(3048)
elif x == 3049:
    print(3049)
elif x == 3050:
    print(3050)
elif x == 3051:
    print(3051)
elif x == 3052:
    print(3052)
elif x == 3053:
    print(3053)
elif x == 3054:
    print(3054)
elif x == 3055:
    print(3055)
elif x == 3056:
    print(3056)
elif x == 3057:
    print(3057)
elif x == 3058:
    print(3058)
elif x == 3059:
    print(3059)
elif x == 3060:
    print(3060)
elif x == 3061:
    print(3061)
elif x == 3062:
    print(3062)
elif x == 3063:
    print(3063)
elif x == 3064:
    print(3064)
elif x == 3065:
    print(3065)
elif x == 3066:
    print(3066)
elif x == 3067:
    print(3067)
elif x == 3068:
    print(3068)
elif x == 3069:
    print(3069)
elif x == 3070:
    print(3070)
elif x == 3071:
    print(3071)
elif x == 3072:
    print(3072)
elif x == 3073:
    print(3073)
elif x == 3074:
    print(3074)
elif x == 3075:
    print(3075)
elif x == 3076:
    print(3076)
elif x == 3077:
    print(3077)
elif x == 3078:
    print(3078)
elif x == 3079:
    print(3079)
elif x == 3080:
    print(3080)
elif x == 3081:
    print(3081)
elif x == 3082:
    print(3082)
elif x == 3083:
    print(3083)
elif x == 3084:
    print(3084)
elif x == 3085:
    print(3085)
elif x == 3086:
    print(3086)
elif x == 3087:
    print(3087)
elif x == 3088:
    print(3088)
elif x == 3089:
    print(3089)
elif x == 3090:
    print(3090)
elif x == 3091:
    print(3091)
elif x == 3092:
    print(3092)
elif x == 3093:
    print(3093)
elif x == 3094:
    print(3094)
elif x == 3095:
    print(3095)
elif x == 3096:
    print(3096)
elif x == 3097:
    print(3097)
elif x == 3098:
    print(3098)
elif x == 3099:
    print(3099)
elif x == 3100:
    print(3100)
elif x == 3101:
    print(3101)
elif x == 3102:
    print(3102)
elif x == 3103:
    print(3103)
elif x == 3104:
    print(3104)
elif x == 3105:
    print(3105)
elif x == 3106:
    print(3106)
elif x == 3107:
    print(3107)
elif x == 3108:
    print(3108)
elif x == 3109:
    print(3109)
elif x == 3110:
    print(3110)
elif x == 3111:
    print(3111)
elif x == 3112:
    print(3112)
elif x == 3113:
    print(3113)
elif x == 3114:
    print(3114)
elif x == 3115:
    print(3115)
elif x == 3116:
    print(3116)
elif x == 3117:
    print(3117)
elif x == 3118:
    print(3118)
elif x == 3119:
    print(3119)
elif x == 3120:
    print(3120)
elif x == 3121:
    print(3121)
elif x == 3122:
    print(3122)
elif x == 3123:
    print(3123)
elif x == 3124:
    print(3124)
elif x == 3125:
    print(3125)
elif x == 3126:
    print(3126)
elif x == 3127:
    print(3127)
elif x == 3128:
    print(3128)
elif x == 3129:
    print(3129)
elif x == 3130:
    print(3130)
elif x == 3131:
    print(3131)
elif x == 3132:
    print(3132)
elif x == 3133:
    print(3133)
elif x == 3134:
    print(3134)
elif x == 3135:
    print(3135)
elif x == 3136:
    print(3136)
elif x == 3137:
    print(3137)
elif x == 3138:
    print(3138)
elif x == 3139:
    print(3139)
elif x == 3140:
    print(3140)
elif x == 3141:
    print(3141)
elif x == 3142:
    print(3142)
elif x == 3143:
    print(3143)
elif x == 3144:
    print(3144)
elif x == 3145:
    print(3145)
elif x == 3146:
    print(3146)
elif x == 3147:
    print(3147)
elif x == 3148:
    print(3148)
elif x == 3149:
    print(3149)
elif x == 3150:
    print(3150)
elif x == 3151:
    print(3151)
elif x == 3152:
    print(3152)
elif x == 3153:
    print(3153)
elif x == 3154:
    print(3154)
elif x == 3155:
    print(3155)
elif x == 3156:
    print(3156)
elif x == 3157:
    print(3157)
elif x == 3158:
    print(3158)
elif x == 3159:
    print(3159)
elif x == 3160:
    print(3160)
elif x == 3161:
    print(3161)
elif x == 3162:
    print(3162)
elif x == 3163:
    print(3163)
elif x == 3164:
    print(3164)
elif x == 3165:
    print(3165)
elif x == 3166:
    print(3166)
elif x == 3167:
    print(3167)
elif x == 3168:
    print(3168)
elif x == 3169:
    print(3169)
elif x == 3170:
    print(3170)
elif x == 3171:
    print(3171)
elif x == 3172:
    print(3172)
elif x == 3173:
    print(3173)
elif x == 3174:
    print(3174)
elif x == 3175:
    print(3175)
elif x == 3176:
    print(3176)
elif x == 3177:
    print(3177)
elif x == 3178:
    print(3178)
elif x == 3179:
    print(3179)
elif x == 3180:
    print(3180)
elif x == 3181:
    print(3181)
elif x == 3182:
    print(3182)
elif x == 3183:
    print(3183)
elif x == 3184:
    print(3184)
elif x == 3185:
    print(3185)
elif x == 3186:
    print(3186)
elif x == 3187:
    print(3187)
elif x == 3188:
    print(3188)
elif x == 3189:
    print(3189)
elif x == 3190:
    print(3190)
elif x == 3191:
    print(3191)
elif x == 3192:
    print(3192)
elif x == 3193:
    print(3193)
elif x == 3194:
    print(3194)
elif x == 3195:
    print(3195)
elif x == 3196:
    print(3196)
elif x == 3197:
    print(3197)
elif x == 3198:
    print(3198)
elif x == 3199:
    print(3199)
elif x == 3200:
    print(3200)
elif x == 3201:
    print(3201)
elif x == 3202:
    print(3202)
elif x == 3203:
    print(3203)
elif x == 3204:
    print(3204)
elif x == 3205:
    print(3205)
elif x == 3206:
    print(3206)
elif x == 3207:
    print(3207)
elif x == 3208:
    print(3208)
elif x == 3209:
    print(3209)
elif x == 3210:
    print(3210)
elif x == 3211:
    print(3211)
elif x == 3212:
    print(3212)
elif x == 3213:
    print(3213)
elif x == 3214:
    print(3214)
elif x == 3215:
    print(3215)
elif x == 3216:
    print(3216)
elif x == 3217:
    print(3217)
elif x == 3218:
    print(3218)
elif x == 3219:
    print(3219)
elif x == 3220:
    print(3220)
elif x == 3221:
    print(3221)
elif x == 3222:
    print(3222)
elif x == 3223:
    print(3223)
elif x == 3224:
    print(3224)
elif x == 3225:
    print(3225)
elif x == 3226:
    print(3226)
elif x == 3227:
    print(3227)
elif x == 3228:
    print(3228)
elif x == 3229:
    print(3229)
elif x == 3230:
    print(3230)
elif x == 3231:
    print(3231)
elif x == 3232:
    print(3232)
elif x == 3233:
    print(3233)
elif x == 3234:
    print(3234)
elif x == 3235:
    print(3235)
elif x == 3236:
    print(3236)
elif x == 3237:
    print(3237)
elif x == 3238:
    print(3238)
elif x == 3239:
    print(3239)
elif x == 3240:
    print(3240)
elif x == 3241:
    print(3241)
elif x == 3242:
    print(3242)
elif x == 3243:
    print(3243)
elif x == 3244:
    print(3244)
elif x == 3245:
    print(3245)
elif x == 3246:
    print(3246)
elif x == 3247:
    print(3247)
elif x == 3248:
    print(3248)
elif x == 3249:
    print(3249)
elif x == 3250:
    print(3250)
elif x == 3251:
    print(3251)
elif x == 3252:
    print(3252)
elif x == 3253:
    print(3253)
elif x == 3254:
    print(3254)
elif x == 3255:
    print(3255)
elif x == 3256:
    print(3256)
elif x == 3257:
    print(3257)
elif x == 3258:
    print(3258)
elif x == 3259:
    print(3259)
elif x == 3260:
    print(3260)
elif x == 3261:
    print(3261)
elif x == 3262:
    print(3262)
elif x == 3263:
    print(3263)
elif x == 3264:
    print(3264)
elif x == 3265:
    print(3265)
elif x == 3266:
    print(3266)
elif x == 3267:
    print(3267)
elif x == 3268:
    print(3268)
elif x == 3269:
    print(3269)
elif x == 3270:
    print(3270)
elif x == 3271:
    print(3271)
elif x == 3272:
    print(3272)
elif x == 3273:
    print(3273)
elif x == 3274:
    print(3274)
elif x == 3275:
    print(3275)
elif x == 3276:
    print(3276)
elif x == 3277:
    print(3277)
elif x == 3278:
    print(3278)
elif x == 3279:
    print(3279)
elif x == 3280:
    print(3280)
elif x == 3281:
    print(3281)
elif x == 3282:
    print(3282)
elif x == 3283:
    print(3283)
elif x == 3284:
    print(3284)
elif x == 3285:
    print(3285)
elif x == 3286:
    print(3286)
elif x == 3287:
    print(3287)
elif x == 3288:
    print(3288)
elif x == 3289:
    print(3289)
elif x == 3290:
    print(3290)
elif x == 3291:
    print(3291)
elif x == 3292:
    print(3292)
elif x == 3293:
    print(3293)
elif x == 3294:
    print(3294)
elif x == 3295:
    print(3295)
elif x == 3296:
    print(3296)
elif x == 3297:
    print(3297)
elif x == 3298:
    print(3298)
elif x == 3299:
    print(3299)
elif x == 3300:
    print(3300)
elif x == 3301:
    print(3301)
elif x == 3302:
    print(3302)
elif x == 3303:
    print(3303)
elif x == 3304:
    print(3304)
elif x == 3305:
    print(3305)
elif x == 3306:
    print(3306)
elif x == 3307:
    print(3307)
elif x == 3308:
    print(3308)
elif x == 3309:
    print(3309)
elif x == 3310:
    print(3310)
elif x == 3311:
    print(3311)
elif x == 3312:
    print(3312)
elif x == 3313:
    print(3313)
elif x == 3314:
    print(3314)
elif x == 3315:
    print(3315)
elif x == 3316:
    print(3316)
elif x == 3317:
    print(3317)
elif x == 3318:
    print(3318)
elif x == 3319:
    print(3319)
elif x == 3320:
    print(3320)
elif x == 3321:
    print(3321)
elif x == 3322:
    print(3322)
elif x == 3323:
    print(3323)
elif x == 3324:
    print(3324)
elif x == 3325:
    print(3325)
elif x == 3326:
    print(3326)
elif x == 3327:
    print(3327)
elif x == 3328:
    print(3328)
elif x == 3329:
    print(3329)
elif x == 3330:
    print(3330)
elif x == 3331:
    print(3331)
elif x == 3332:
    print(3332)
elif x == 3333:
    print(3333)
elif x == 3334:
    print(3334)
elif x == 3335:
    print(3335)
elif x == 3336:
    print(3336)
elif x == 3337:
    print(3337)
elif x == 3338:
    print(3338)
elif x == 3339:
    print(3339)
elif x == 3340:
    print(3340)
elif x == 3341:
    print(3341)
elif x == 3342:
    print(3342)
elif x == 3343:
    print(3343)
elif x == 3344:
    print(3344)
elif x == 3345:
    print(3345)
elif x == 3346:
    print(3346)
elif x == 3347:
    print(3347)
elif x == 3348:
    print(3348)
elif x == 3349:
    print(3349)
elif x == 3350:
    print(3350)
elif x == 3351:
    print(3351)
elif x == 3352:
    print(3352)
elif x == 3353:
    print(3353)
elif x == 3354:
    print(3354)
elif x == 3355:
    print(3355)
elif x == 3356:
    print(3356)
elif x == 3357:
    print(3357)
elif x == 3358:
    print(3358)
elif x == 3359:
    print(3359)
elif x == 3360:
    print(3360)
elif x == 3361:
    print(3361)
elif x == 3362:
    print(3362)
elif x == 3363:
    print(3363)
elif x == 3364:
    print(3364)
elif x == 3365:
    print(3365)
elif x == 3366:
    print(3366)
elif x == 3367:
    print(3367)
elif x == 3368:
    print(3368)
elif x == 3369:
    print(3369)
elif x == 3370:
    print(3370)
elif x == 3371:
    print(3371)
elif x == 3372:
    print(3372)
elif x == 3373:
    print(3373)
elif x == 3374:
    print(3374)
elif x == 3375:
    print(3375)
elif x == 3376:
    print(3376)
elif x == 3377:
    print(3377)
elif x == 3378:
    print(3378)
elif x == 3379:
    print(3379)
elif x == 3380:
    print(3380)
elif x == 3381:
    print(3381)
elif x == 3382:
    print(3382)
elif x == 3383:
    print(3383)
elif x == 3384:
    print(3384)
elif x == 3385:
    print(3385)
elif x == 3386:
    print(3386)
elif x == 3387:
    print(3387)
elif x == 3388:
    print(3388)
elif x == 3389:
    print(3389)
elif x == 3390:
    print(3390)
elif x == 3391:
    print(3391)
elif x == 3392:
    print(3392)
elif x == 3393:
    print(3393)
elif x == 3394:
    print(3394)
elif x == 3395:
    print(3395)
elif x == 3396:
    print(3396)
elif x == 3397:
    print(3397)
elif x == 3398:
    print(3398)
elif x == 3399:
    print(3399)
elif x == 3400:
    print(3400)
elif x == 3401:
    print(3401)
elif x == 3402:
    print(3402)
elif x == 3403:
    print(3403)
elif x == 3404:
    print(3404)
elif x == 3405:
    print(3405)
elif x == 3406:
    print(3406)
elif x == 3407:
    print(3407)
elif x == 3408:
    print(3408)
elif x == 3409:
    print(3409)
elif x == 3410:
    print(3410)
elif x == 3411:
    print(3411)
elif x == 3412:
    print(3412)
elif x == 3413:
    print(3413)
elif x == 3414:
    print(3414)
elif x == 3415:
    print(3415)
elif x == 3416:
    print(3416)
elif x == 3417:
    print(3417)
elif x == 3418:
    print(3418)
elif x == 3419:
    print(3419)
elif x == 3420:
    print(3420)
elif x == 3421:
    print(3421)
elif x == 3422:
    print(3422)
elif x == 3423:
    print(3423)
elif x == 3424:
    print(3424)
elif x == 3425:
    print(3425)
elif x == 3426:
    print(3426)
elif x == 3427:
    print(3427)
elif x == 3428:
    print(3428)
elif x == 3429:
    print(3429)
elif x == 3430:
    print(3430)
elif x == 3431:
    print(3431)
elif x == 3432:
    print(3432)
elif x == 3433:
    print(3433)
elif x == 3434:
    print(3434)
elif x == 3435:
    print(3435)
elif x == 3436:
    print(3436)
elif x == 3437:
    print(3437)
elif x == 3438:
    print(3438)
elif x == 3439:
    print(3439)
elif x == 3440:
    print(3440)
elif x == 3441:
    print(3441)
elif x == 3442:
    print(3442)
elif x == 3443:
    print(3443)
elif x == 3444:
    print(3444)
elif x == 3445:
    print(3445)
elif x == 3446:
    print(3446)
elif x == 3447:
    print(3447)
elif x == 3448:
    print(3448)
elif x == 3449:
    print(3449)
elif x == 3450:
    print(3450)
elif x == 3451:
    print(3451)
elif x == 3452:
    print(3452)
elif x == 3453:
    print(3453)
elif x == 3454:
    print(3454)
elif x == 3455:
    print(3455)
elif x == 3456:
    print(3456)
elif x == 3457:
    print(3457)
elif x == 3458:
    print(3458)
elif x == 3459:
    print(3459)
elif x == 3460:
    print(3460)
elif x == 3461:
    print(3461)
elif x == 3462:
    print(3462)
elif x == 3463:
    print(3463)
elif x == 3464:
    print(3464)
elif x == 3465:
    print(3465)
elif x == 3466:
    print(3466)
elif x == 3467:
    print(3467)
elif x == 3468:
    print(3468)
elif x == 3469:
    print(3469)
elif x == 3470:
    print(3470)
elif x == 3471:
    print(3471)
elif x == 3472:
    print(3472)
elif x == 3473:
    print(3473)
elif x == 3474:
    print(3474)
elif x == 3475:
    print(3475)
elif x == 3476:
    print(3476)
elif x == 3477:
    print(3477)
elif x == 3478:
    print(3478)
elif x == 3479:
    print(3479)
elif x == 3480:
    print(3480)
elif x == 3481:
    print(3481)
elif x == 3482:
    print(3482)
elif x == 3483:
    print(3483)
elif x == 3484:
    print(3484)
elif x == 3485:
    print(3485)
elif x == 3486:
    print(3486)
elif x == 3487:
    print(3487)
elif x == 3488:
    print(3488)
elif x == 3489:
    print(3489)
elif x == 3490:
    print(3490)
elif x == 3491:
    print(3491)
elif x == 3492:
    print(3492)
elif x == 3493:
    print(3493)
elif x == 3494:
    print(3494)
elif x == 3495:
    print(3495)
elif x == 3496:
    print(3496)
elif x == 3497:
    print(3497)
elif x == 3498:
    print(3498)
elif x == 3499:
    print(3499)
elif x == 3500:
    print(3500)
elif x == 3501:
    print(3501)
elif x == 3502:
    print(3502)
elif x == 3503:
    print(3503)
elif x == 3504:
    print(3504)
elif x == 3505:
    print(3505)
elif x == 3506:
    print(3506)
elif x == 3507:
    print(3507)
elif x == 3508:
    print(3508)
elif x == 3509:
    print(3509)
elif x == 3510:
    print(3510)
elif x == 3511:
    print(3511)
elif x == 3512:
    print(3512)
elif x == 3513:
    print(3513)
elif x == 3514:
    print(3514)
elif x == 3515:
    print(3515)
elif x == 3516:
    print(3516)
elif x == 3517:
    print(3517)
elif x == 3518:
    print(3518)
elif x == 3519:
    print(3519)
elif x == 3520:
    print(3520)
elif x == 3521:
    print(3521)
elif x == 3522:
    print(3522)
elif x == 3523:
    print(3523)
elif x == 3524:
    print(3524)
elif x == 3525:
    print(3525)
elif x == 3526:
    print(3526)
elif x == 3527:
    print(3527)
elif x == 3528:
    print(3528)
elif x == 3529:
    print(3529)
elif x == 3530:
    print(3530)
elif x == 3531:
    print(3531)
elif x == 3532:
    print(3532)
elif x == 3533:
    print(3533)
elif x == 3534:
    print(3534)
elif x == 3535:
    print(3535)
elif x == 3536:
    print(3536)
elif x == 3537:
    print(3537)
elif x == 3538:
    print(3538)
elif x == 3539:
    print(3539)
elif x == 3540:
    print(3540)
elif x == 3541:
    print(3541)
elif x == 3542:
    print(3542)
elif x == 3543:
    print(3543)
elif x == 3544:
    print(3544)
elif x == 3545:
    print(3545)
elif x == 3546:
    print(3546)
elif x == 3547:
    print(3547)
elif x == 3548:
    print(3548)
elif x == 3549:
    print(3549)
elif x == 3550:
    print(3550)
elif x == 3551:
    print(3551)
elif x == 3552:
    print(3552)
elif x == 3553:
    print(3553)
elif x == 3554:
    print(3554)
elif x == 3555:
    print(3555)
elif x == 3556:
    print(3556)
elif x == 3557:
    print(3557)
elif x == 3558:
    print(3558)
elif x == 3559:
    print(3559)
elif x == 3560:
    print(3560)
elif x == 3561:
    print(3561)
elif x == 3562:
    print(3562)
elif x == 3563:
    print(3563)
elif x == 3564:
    print(3564)
elif x == 3565:
    print(3565)
elif x == 3566:
    print(3566)
elif x == 3567:
    print(3567)
elif x == 3568:
    print(3568)
elif x == 3569:
    print(3569)
elif x == 3570:
    print(3570)
elif x == 3571:
    print(3571)
elif x == 3572:
    print(3572)
elif x == 3573:
    print(3573)
elif x == 3574:
    print(3574)
elif x == 3575:
    print(3575)
elif x == 3576:
    print(3576)
elif x == 3577:
    print(3577)
elif x == 3578:
    print(3578)
elif x == 3579:
    print(3579)
elif x == 3580:
    print(3580)
elif x == 3581:
    print(3581)
elif x == 3582:
    print(3582)
elif x == 3583:
    print(3583)
elif x == 3584:
    print(3584)
elif x == 3585:
    print(3585)
elif x == 3586:
    print(3586)
elif x == 3587:
    print(3587)
elif x == 3588:
    print(3588)
elif x == 3589:
    print(3589)
elif x == 3590:
    print(3590)
elif x == 3591:
    print(3591)
elif x == 3592:
    print(3592)
elif x == 3593:
    print(3593)
elif x == 3594:
    print(3594)
elif x == 3595:
    print(3595)
elif x == 3596:
    print(3596)
elif x == 3597:
    print(3597)
elif x == 3598:
    print(3598)
elif x == 3599:
    print(3599)
elif x == 3600:
    print(3600)
elif x == 3601:
    print(3601)
elif x == 3602:
    print(3602)
elif x == 3603:
    print(3603)
elif x == 3604:
    print(3604)
elif x == 3605:
    print(3605)
elif x == 3606:
    print(3606)
elif x == 3607:
    print(3607)
elif x == 3608:
    print(3608)
elif x == 3609:
    print(3609)
elif x == 3610:
    print(3610)
elif x == 3611:
    print(3611)
elif x == 3612:
    print(3612)
elif x == 3613:
    print(3613)
elif x == 3614:
    print(3614)
elif x == 3615:
    print(3615)
elif x == 3616:
    print(3616)
elif x == 3617:
    print(3617)
elif x == 3618:
    print(3618)
elif x == 3619:
    print(3619)
elif x == 3620:
    print(3620)
elif x == 3621:
    print(3621)
elif x == 3622:
    print(3622)
elif x == 3623:
    print(3623)
elif x == 3624:
    print(3624)
elif x == 3625:
    print(3625)
elif x == 3626:
    print(3626)
elif x == 3627:
    print(3627)
elif x == 3628:
    print(3628)
elif x == 3629:
    print(3629)
elif x == 3630:
    print(3630)
elif x == 3631:
    print(3631)
elif x == 3632:
    print(3632)
elif x == 3633:
    print(3633)
elif x == 3634:
    print(3634)
elif x == 3635:
    print(3635)
elif x == 3636:
    print(3636)
elif x == 3637:
    print(3637)
elif x == 3638:
    print(3638)
elif x == 3639:
    print(3639)
elif x == 3640:
    print(3640)
elif x == 3641:
    print(3641)
elif x == 3642:
    print(3642)
elif x == 3643:
    print(3643)
elif x == 3644:
    print(3644)
elif x == 3645:
    print(3645)
elif x == 3646:
    print(3646)
elif x == 3647:
    print(3647)
elif x == 3648:
    print(3648)
elif x == 3649:
    print(3649)
elif x == 3650:
    print(3650)
elif x == 3651:
    print(3651)
elif x == 3652:
    print(3652)
elif x == 3653:
    print(3653)
elif x == 3654:
    print(3654)
elif x == 3655:
    print(3655)
elif x == 3656:
    print(3656)
elif x == 3657:
    print(3657)
elif x == 3658:
    print(3658)
elif x == 3659:
    print(3659)
elif x == 3660:
    print(3660)
elif x == 3661:
    print(3661)
elif x == 3662:
    print(3662)
elif x == 3663:
    print(3663)
elif x == 3664:
    print(3664)
elif x == 3665:
    print(3665)
elif x == 3666:
    print(3666)
elif x == 3667:
    print(3667)
elif x == 3668:
    print(3668)
elif x == 3669:
    print(3669)
elif x == 3670:
    print(3670)
elif x == 3671:
    print(3671)
elif x == 3672:
    print(3672)
elif x == 3673:
    print(3673)
elif x == 3674:
    print(3674)
elif x == 3675:
    print(3675)
elif x == 3676:
    print(3676)
elif x == 3677:
    print(3677)
elif x == 3678:
    print(3678)
elif x == 3679:
    print(3679)
elif x == 3680:
    print(3680)
elif x == 3681:
    print(3681)
elif x == 3682:
    print(3682)
elif x == 3683:
    print(3683)
elif x == 3684:
    print(3684)
elif x == 3685:
    print(3685)
elif x == 3686:
    print(3686)
elif x == 3687:
    print(3687)
elif x == 3688:
    print(3688)
elif x == 3689:
    print(3689)
elif x == 3690:
    print(3690)
elif x == 3691:
    print(3691)
elif x == 3692:
    print(3692)
elif x == 3693:
    print(3693)
elif x == 3694:
    print(3694)
elif x == 3695:
    print(3695)
elif x == 3696:
    print(3696)
elif x == 3697:
    print(3697)
elif x == 3698:
    print(3698)
elif x == 3699:
    print(3699)
elif x == 3700:
    print(3700)
elif x == 3701:
    print(3701)
elif x == 3702:
    print(3702)
elif x == 3703:
    print(3703)
elif x == 3704:
    print(3704)
elif x == 3705:
    print(3705)
elif x == 3706:
    print(3706)
elif x == 3707:
    print(3707)
elif x == 3708:
    print(3708)
elif x == 3709:
    print(3709)
elif x == 3710:
    print(3710)
elif x == 3711:
    print(3711)
elif x == 3712:
    print(3712)
elif x == 3713:
    print(3713)
elif x == 3714:
    print(3714)
elif x == 3715:
    print(3715)
elif x == 3716:
    print(3716)
elif x == 3717:
    print(3717)
elif x == 3718:
    print(3718)
elif x == 3719:
    print(3719)
elif x == 3720:
    print(3720)
elif x == 3721:
    print(3721)
elif x == 3722:
    print(3722)
elif x == 3723:
    print(3723)
elif x == 3724:
    print(3724)
elif x == 3725:
    print(3725)
elif x == 3726:
    print(3726)
elif x == 3727:
    print(3727)
elif x == 3728:
    print(3728)
elif x == 3729:
    print(3729)
elif x == 3730:
    print(3730)
elif x == 3731:
    print(3731)
elif x == 3732:
    print(3732)
elif x == 3733:
    print(3733)
elif x == 3734:
    print(3734)
elif x == 3735:
    print(3735)
elif x == 3736:
    print(3736)
elif x == 3737:
    print(3737)
elif x == 3738:
    print(3738)
elif x == 3739:
    print(3739)
elif x == 3740:
    print(3740)
elif x == 3741:
    print(3741)
elif x == 3742:
    print(3742)
elif x == 3743:
    print(3743)
elif x == 3744:
    print(3744)
elif x == 3745:
    print(3745)
elif x == 3746:
    print(3746)
elif x == 3747:
    print(3747)
elif x == 3748:
    print(3748)
elif x == 3749:
    print(3749)
elif x == 3750:
    print(3750)
elif x == 3751:
    print(3751)
elif x == 3752:
    print(3752)
elif x == 3753:
    print(3753)
elif x == 3754:
    print(3754)
elif x == 3755:
    print(3755)
elif x == 3756:
    print(3756)
elif x == 3757:
    print(3757)
elif x == 3758:
    print(3758)
elif x == 3759:
    print(3759)
elif x == 3760:
    print(3760)
elif x == 3761:
    print(3761)
elif x == 3762:
    print(3762)
elif x == 3763:
    print(3763)
elif x == 3764:
    print(3764)
elif x == 3765:
    print(3765)
elif x == 3766:
    print(3766)
elif x == 3767:
    print(3767)
elif x == 3768:
    print(3768)
elif x == 3769:
    print(3769)
elif x == 3770:
    print(3770)
elif x == 3771:
    print(3771)
elif x == 3772:
    print(3772)
elif x == 3773:
    print(3773)
elif x == 3774:
    print(3774)
elif x == 3775:
    print(3775)
elif x == 3776:
    print(3776)
elif x == 3777:
    print(3777)
elif x == 3778:
    print(3778)
elif x == 3779:
    print(3779)
elif x == 3780:
    print(3780)
elif x == 3781:
    print(3781)
elif x == 3782:
    print(3782)
elif x == 3783:
    print(3783)
elif x == 3784:
    print(3784)
elif x == 3785:
    print(3785)
elif x == 3786:
    print(3786)
elif x == 3787:
    print(3787)
elif x == 3788:
    print(3788)
elif x == 3789:
    print(3789)
elif x == 3790:
    print(3790)
elif x == 3791:
    print(3791)
elif x == 3792:
    print(3792)
elif x == 3793:
    print(3793)
elif x == 3794:
    print(3794)
elif x == 3795:
    print(3795)
elif x == 3796:
    print(3796)
elif x == 3797:
    print(3797)
elif x == 3798:
    print(3798)
elif x == 3799:
    print(3799)
elif x == 3800:
    print(3800)
elif x == 3801:
    print(3801)
elif x == 3802:
    print(3802)
elif x == 3803:
    print(3803)
elif x == 3804:
    print(3804)
elif x == 3805:
    print(3805)
elif x == 3806:
    print(3806)
elif x == 3807:
    print(3807)
elif x == 3808:
    print(3808)
elif x == 3809:
    print(3809)
elif x == 3810:
    print(3810)
elif x == 3811:
    print(3811)
elif x == 3812:
    print(3812)
elif x == 3813:
    print(3813)
elif x == 3814:
    print(3814)
elif x == 3815:
    print(3815)
elif x == 3816:
    print(3816)
elif x == 3817:
    print(3817)
elif x == 3818:
    print(3818)
elif x == 3819:
    print(3819)
elif x == 3820:
    print(3820)
elif x == 3821:
    print(3821)
elif x == 3822:
    print(3822)
elif x == 3823:
    print(3823)
elif x == 3824:
    print(3824)
elif x == 3825:
    print(3825)
elif x == 3826:
    print(3826)
elif x == 3827:
    print(3827)
elif x == 3828:
    print(3828)
elif x == 3829:
    print(3829)
elif x == 3830:
    print(3830)
elif x == 3831:
    print(3831)
elif x == 3832:
    print(3832)
elif x == 3833:
    print(3833)
elif x == 3834:
    print(3834)
elif x == 3835:
    print(3835)
elif x == 3836:
    print(3836)
elif x == 3837:
    print(3837)
elif x == 3838:
    print(3838)
elif x == 3839:
    print(3839)
elif x == 3840:
    print(3840)
elif x == 3841:
    print(3841)
elif x == 3842:
    print(3842)
elif x == 3843:
    print(3843)
elif x == 3844:
    print(3844)
elif x == 3845:
    print(3845)
elif x == 3846:
    print(3846)
elif x == 3847:
    print(3847)
elif x == 3848:
    print(3848)
elif x == 3849:
    print(3849)
elif x == 3850:
    print(3850)
elif x == 3851:
    print(3851)
elif x == 3852:
    print(3852)
elif x == 3853:
    print(3853)
elif x == 3854:
    print(3854)
elif x == 3855:
    print(3855)
elif x == 3856:
    print(3856)
elif x == 3857:
    print(3857)
elif x == 3858:
    print(3858)
elif x == 3859:
    print(3859)
elif x == 3860:
    print(3860)
elif x == 3861:
    print(3861)
elif x == 3862:
    print(3862)
elif x == 3863:
    print(3863)
elif x == 3864:
    print(3864)
elif x == 3865:
    print(3865)
elif x == 3866:
    print(3866)
elif x == 3867:
    print(3867)
elif x == 3868:
    print(3868)
elif x == 3869:
    print(3869)
elif x == 3870:
    print(3870)
elif x == 3871:
    print(3871)
elif x == 3872:
    print(3872)
elif x == 3873:
    print(3873)
elif x == 3874:
    print(3874)
elif x == 3875:
    print(3875)
elif x == 3876:
    print(3876)
elif x == 3877:
    print(3877)
elif x == 3878:
    print(3878)
elif x == 3879:
    print(3879)
elif x == 3880:
    print(3880)
elif x == 3881:
    print(3881)
elif x == 3882:
    print(3882)
elif x == 3883:
    print(3883)
elif x == 3884:
    print(3884)
elif x == 3885:
    print(3885)
elif x == 3886:
    print(3886)
elif x == 3887:
    print(3887)
elif x == 3888:
    print(3888)
elif x == 3889:
    print(3889)
elif x == 3890:
    print(3890)
elif x == 3891:
    print(3891)
elif x == 3892:
    print(3892)
elif x == 3893:
    print(3893)
elif x == 3894:
    print(3894)
elif x == 3895:
    print(3895)
elif x == 3896:
    print(3896)
elif x == 3897:
    print(3897)
elif x == 3898:
    print(3898)
elif x == 3899:
    print(3899)
elif x == 3900:
    print(3900)
elif x == 3901:
    print(3901)
elif x == 3902:
    print(3902)
elif x == 3903:
    print(3903)
elif x == 3904:
    print(3904)
elif x == 3905:
    print(3905)
elif x == 3906:
    print(3906)
elif x == 3907:
    print(3907)
elif x == 3908:
    print(3908)
elif x == 3909:
    print(3909)
elif x == 3910:
    print(3910)
elif x == 3911:
    print(3911)
elif x == 3912:
    print(3912)
elif x == 3913:
    print(3913)
elif x == 3914:
    print(3914)
elif x == 3915:
    print(3915)
elif x == 3916:
    print(3916)
elif x == 3917:
    print(3917)
elif x == 3918:
    print(3918)
elif x == 3919:
    print(3919)
elif x == 3920:
    print(3920)
elif x == 3921:
    print(3921)
elif x == 3922:
    print(3922)
elif x == 3923:
    print(3923)
elif x == 3924:
    print(3924)
elif x == 3925:
    print(3925)
elif x == 3926:
    print(3926)
elif x == 3927:
    print(3927)
elif x == 3928:
    print(3928)
elif x == 3929:
    print(3929)
elif x == 3930:
    print(3930)
elif x == 3931:
    print(3931)
elif x == 3932:
    print(3932)
elif x == 3933:
    print(3933)
elif x == 3934:
    print(3934)
elif x == 3935:
    print(3935)
elif x == 3936:
    print(3936)
elif x == 3937:
    print(3937)
elif x == 3938:
    print(3938)
elif x == 3939:
    print(3939)
elif x == 3940:
    print(3940)
elif x == 3941:
    print(3941)
elif x == 3942:
    print(3942)
elif x == 3943:
    print(3943)
elif x == 3944:
    print(3944)
elif x == 3945:
    print(3945)
elif x == 3946:
    print(3946)
elif x == 3947:
    print(3947)
elif x == 3948:
    print(3948)
elif x == 3949:
    print(3949)
elif x == 3950:
    print(3950)
elif x == 3951:
    print(3951)
elif x == 3952:
    print(3952)
elif x == 3953:
    print(3953)
elif x == 3954:
    print(3954)
elif x == 3955:
    print(3955)
elif x == 3956:
    print(3956)
elif x == 3957:
    print(3957)
elif x == 3958:
    print(3958)
elif x == 3959:
    print(3959)
elif x == 3960:
    print(3960)
elif x == 3961:
    print(3961)
elif x == 3962:
    print(3962)
elif x == 3963:
    print(3963)
elif x == 3964:
    print(3964)
elif x == 3965:
    print(3965)
elif x == 3966:
    print(3966)
elif x == 3967:
    print(3967)
elif x == 3968:
    print(3968)
elif x == 3969:
    print(3969)
elif x == 3970:
    print(3970)
elif x == 3971:
    print(3971)
elif x == 3972:
    print(3972)
elif x == 3973:
    print(3973)
elif x == 3974:
    print(3974)
elif x == 3975:
    print(3975)
elif x == 3976:
    print(3976)
elif x == 3977:
    print(3977)
elif x == 3978:
    print(3978)
elif x == 3979:
    print(3979)
elif x == 3980:
    print(3980)
elif x == 3981:
    print(3981)
elif x == 3982:
    print(3982)
elif x == 3983:
    print(3983)
elif x == 3984:
    print(3984)
elif x == 3985:
    print(3985)
elif x == 3986:
    print(3986)
elif x == 3987:
    print(3987)
elif x == 3988:
    print(3988)
elif x == 3989:
    print(3989)
elif x == 3990:
    print(3990)
elif x == 3991:
    print(3991)
elif x == 3992:
    print(3992)
elif x == 3993:
    print(3993)
elif x == 3994:
    print(3994)
elif x == 3995:
    print(3995)
elif x == 3996:
    print(3996)
elif x == 3997:
    print(3997)
elif x == 3998:
    print(3998)
elif x == 3999:
    print(3999)
elif x == 4000:
    print(4000)
elif x == 4001:
    print(4001)
elif x == 4002:
    print(4002)
elif x == 4003:
    print(4003)
elif x == 4004:
    print(4004)
elif x == 4005:
    print(4005)
elif x == 4006:
    print(4006)
elif x == 4007:
    print(4007)
elif x == 4008:
    print(4008)
elif x == 4009:
    print(4009)
elif x == 4010:
    print(4010)
elif x == 4011:
    print(4011)
elif x == 4012:
    print(4012)
elif x == 4013:
    print(4013)
elif x == 4014:
    print(4014)
elif x == 4015:
    print(4015)
elif x == 4016:
    print(4016)
elif x == 4017:
    print(4017)
elif x == 4018:
    print(4018)
elif x == 4019:
    print(4019)
elif x == 4020:
    print(4020)
elif x == 4021:
    print(4021)
elif x == 4022:
    print(4022)
elif x == 4023:
    print(4023)
elif x == 4024:
    print(4024)
elif x == 4025:
    print(4025)
elif x == 4026:
    print(4026)
elif x == 4027:
    print(4027)
elif x == 4028:
    print(4028)
elif x == 4029:
    print(4029)
elif x == 4030:
    print(4030)
elif x == 4031:
    print(4031)
elif x == 4032:
    print(4032)
elif x == 4033:
    print(4033)
elif x == 4034:
    print(4034)
elif x == 4035:
    print(4035)
elif x == 4036:
    print(4036)
elif x == 4037:
    print(4037)
elif x == 4038:
    print(4038)
elif x == 4039:
    print(4039)
elif x == 4040:
    print(4040)
elif x == 4041:
    print(4041)
elif x == 4042:
    print(4042)
elif x == 4043:
    print(4043)
elif x == 4044:
    print(4044)
elif x == 4045:
    print(4045)
elif x == 4046:
    print(4046)
elif x == 4047:
    print(4047)
elif x == 4048:
    print(4048)
elif x == 4049:
    print(4049)
elif x == 4050:
    print(4050)
elif x == 4051:
    print(4051)
elif x == 4052:
    print(4052)
elif x == 4053:
    print(4053)
elif x == 4054:
    print(4054)
elif x == 4055:
    print(4055)
elif x == 4056:
    print(4056)
elif x == 4057:
    print(4057)
elif x == 4058:
    print(4058)
elif x == 4059:
    print(4059)
elif x == 4060:
    print(4060)
elif x == 4061:
    print(4061)
elif x == 4062:
    print(4062)
elif x == 4063:
    print(4063)
elif x == 4064:
    print(4064)
elif x == 4065:
    print(4065)
elif x == 4066:
    print(4066)
elif x == 4067:
    print(4067)
elif x == 4068:
    print(4068)
elif x == 4069:
    print(4069)
elif x == 4070:
    print(4070)
elif x == 4071:
    print(4071)
elif x == 4072:
    print(4072)
elif x == 4073:
    print(4073)
elif x == 4074:
    print(4074)
elif x == 4075:
    print(4075)
elif x == 4076:
    print(4076)
elif x == 4077:
    print(4077)
elif x == 4078:
    print(4078)
elif x == 4079:
    print(4079)
elif x == 4080:
    print(4080)
elif x == 4081:
    print(4081)
elif x == 4082:
    print(4082)
elif x == 4083:
    print(4083)
elif x == 4084:
    print(4084)
elif x == 4085:
    print(4085)
elif x == 4086:
    print(4086)
elif x == 4087:
    print(4087)
elif x == 4088:
    print(4088)
elif x == 4089:
    print(4089)
elif x == 4090:
    print(4090)
elif x == 4091:
    print(4091)
elif x == 4092:
    print(4092)
elif x == 4093:
    print(4093)
elif x == 4094:
    print(4094)
elif x == 4095:
    print(4095)
elif x == 4096:
    print(4096)
elif x == 4097:
    print(4097)
elif x == 4098:
    print(4098)
elif x == 4099:
    print(4099)
elif x == 4100:
    print(4100)
elif x == 4101:
    print(4101)
elif x == 4102:
    print(4102)
elif x == 4103:
    print(4103)
elif x == 4104:
    print(4104)
elif x == 4105:
    print(4105)
elif x == 4106:
    print(4106)
elif x == 4107:
    print(4107)
elif x == 4108:
    print(4108)
elif x == 4109:
    print(4109)
elif x == 4110:
    print(4110)
elif x == 4111:
    print(4111)
elif x == 4112:
    print(4112)
elif x == 4113:
    print(4113)
elif x == 4114:
    print(4114)
elif x == 4115:
    print(4115)
elif x == 4116:
    print(4116)
elif x == 4117:
    print(4117)
elif x == 4118:
    print(4118)
elif x == 4119:
    print(4119)
elif x == 4120:
    print(4120)
elif x == 4121:
    print(4121)
elif x == 4122:
    print(4122)
elif x == 4123:
    print(4123)
elif x == 4124:
    print(4124)
elif x == 4125:
    print(4125)
elif x == 4126:
    print(4126)
elif x == 4127:
    print(4127)
elif x == 4128:
    print(4128)
elif x == 4129:
    print(4129)
elif x == 4130:
    print(4130)
elif x == 4131:
    print(4131)
elif x == 4132:
    print(4132)
elif x == 4133:
    print(4133)
elif x == 4134:
    print(4134)
elif x == 4135:
    print(4135)
elif x == 4136:
    print(4136)
elif x == 4137:
    print(4137)
elif x == 4138:
    print(4138)
elif x == 4139:
    print(4139)
elif x == 4140:
    print(4140)
elif x == 4141:
    print(4141)
elif x == 4142:
    print(4142)
elif x == 4143:
    print(4143)
elif x == 4144:
    print(4144)
elif x == 4145:
    print(4145)
elif x == 4146:
    print(4146)
elif x == 4147:
    print(4147)
elif x == 4148:
    print(4148)
elif x == 4149:
    print(4149)
elif x == 4150:
    print(4150)
elif x == 4151:
    print(4151)
elif x == 4152:
    print(4152)
elif x == 4153:
    print(4153)
elif x == 4154:
    print(4154)
elif x == 4155:
    print(4155)
elif x == 4156:
    print(4156)
elif x == 4157:
    print(4157)
elif x == 4158:
    print(4158)
elif x == 4159:
    print(4159)
elif x == 4160:
    print(4160)
elif x == 4161:
    print(4161)
elif x == 4162:
    print(4162)
elif x == 4163:
    print(4163)
elif x == 4164:
    print(4164)
elif x == 4165:
    print(4165)
elif x == 4166:
    print(4166)
elif x == 4167:
    print(4167)
elif x == 4168:
    print(4168)
elif x == 4169:
    print(4169)
elif x == 4170:
    print(4170)
elif x == 4171:
    print(4171)
elif x == 4172:
    print(4172)
elif x == 4173:
    print(4173)
elif x == 4174:
    print(4174)
elif x == 4175:
    print(4175)
elif x == 4176:
    print(4176)
elif x == 4177:
    print(4177)
elif x == 4178:
    print(4178)
elif x == 4179:
    print(4179)
elif x == 4180:
    print(4180)
elif x == 4181:
    print(4181)
elif x == 4182:
    print(4182)
elif x == 4183:
    print(4183)
elif x == 4184:
    print(4184)
elif x == 4185:
    print(4185)
elif x == 4186:
    print(4186)
elif x == 4187:
    print(4187)
elif x == 4188:
    print(4188)
elif x == 4189:
    print(4189)
elif x == 4190:
    print(4190)
elif x == 4191:
    print(4191)
elif x == 4192:
    print(4192)
elif x == 4193:
    print(4193)
elif x == 4194:
    print(4194)
elif x == 4195:
    print(4195)
elif x == 4196:
    print(4196)
elif x == 4197:
    print(4197)
elif x == 4198:
    print(4198)
elif x == 4199:
    print(4199)
elif x == 4200:
    print(4200)
elif x == 4201:
    print(4201)
elif x == 4202:
    print(4202)
elif x == 4203:
    print(4203)
elif x == 4204:
    print(4204)
elif x == 4205:
    print(4205)
elif x == 4206:
    print(4206)
elif x == 4207:
    print(4207)
elif x == 4208:
    print(4208)
elif x == 4209:
    print(4209)
elif x == 4210:
    print(4210)
elif x == 4211:
    print(4211)
elif x == 4212:
    print(4212)
elif x == 4213:
    print(4213)
elif x == 4214:
    print(4214)
elif x == 4215:
    print(4215)
elif x == 4216:
    print(4216)
elif x == 4217:
    print(4217)
elif x == 4218:
    print(4218)
elif x == 4219:
    print(4219)
elif x == 4220:
    print(4220)
elif x == 4221:
    print(4221)
elif x == 4222:
    print(4222)
elif x == 4223:
    print(4223)
elif x == 4224:
    print(4224)
elif x == 4225:
    print(4225)
elif x == 4226:
    print(4226)
elif x == 4227:
    print(4227)
elif x == 4228:
    print(4228)
elif x == 4229:
    print(4229)
elif x == 4230:
    print(4230)
elif x == 4231:
    print(4231)
elif x == 4232:
    print(4232)
elif x == 4233:
    print(4233)
elif x == 4234:
    print(4234)
elif x == 4235:
    print(4235)
elif x == 4236:
    print(4236)
elif x == 4237:
    print(4237)
elif x == 4238:
    print(4238)
elif x == 4239:
    print(4239)
elif x == 4240:
    print(4240)
elif x == 4241:
    print(4241)
elif x == 4242:
    print(4242)
elif x == 4243:
    print(4243)
elif x == 4244:
    print(4244)
elif x == 4245:
    print(4245)
elif x == 4246:
    print(4246)
elif x == 4247:
    print(4247)
elif x == 4248:
    print(4248)
elif x == 4249:
    print(4249)
elif x == 4250:
    print(4250)
elif x == 4251:
    print(4251)
elif x == 4252:
    print(4252)
elif x == 4253:
    print(4253)
elif x == 4254:
    print(4254)
elif x == 4255:
    print(4255)
elif x == 4256:
    print(4256)
elif x == 4257:
    print(4257)
elif x == 4258:
    print(4258)
elif x == 4259:
    print(4259)
elif x == 4260:
    print(4260)
elif x == 4261:
    print(4261)
elif x == 4262:
    print(4262)
elif x == 4263:
    print(4263)
elif x == 4264:
    print(4264)
elif x == 4265:
    print(4265)
elif x == 4266:
    print(4266)
elif x == 4267:
    print(4267)
elif x == 4268:
    print(4268)
elif x == 4269:
    print(4269)
elif x == 4270:
    print(4270)
elif x == 4271:
    print(4271)
elif x == 4272:
    print(4272)
elif x == 4273:
    print(4273)
elif x == 4274:
    print(4274)
elif x == 4275:
    print(4275)
elif x == 4276:
    print(4276)
elif x == 4277:
    print(4277)
elif x == 4278:
    print(4278)
elif x == 4279:
    print(4279)
elif x == 4280:
    print(4280)
elif x == 4281:
    print(4281)
elif x == 4282:
    print(4282)
elif x == 4283:
    print(4283)
elif x == 4284:
    print(4284)
elif x == 4285:
    print(4285)
elif x == 4286:
    print(4286)
elif x == 4287:
    print(4287)
elif x == 4288:
    print(4288)
elif x == 4289:
    print(4289)
elif x == 4290:
    print(4290)
elif x == 4291:
    print(4291)
elif x == 4292:
    print(4292)
elif x == 4293:
    print(4293)
elif x == 4294:
    print(4294)
elif x == 4295:
    print(4295)
elif x == 4296:
    print(4296)
elif x == 4297:
    print(4297)
elif x == 4298:
    print(4298)
elif x == 4299:
    print(4299)
elif x == 4300:
    print(4300)
elif x == 4301:
    print(4301)
elif x == 4302:
    print(4302)
elif x == 4303:
    print(4303)
elif x == 4304:
    print(4304)
elif x == 4305:
    print(4305)
elif x == 4306:
    print(4306)
elif x == 4307:
    print(4307)
elif x == 4308:
    print(4308)
elif x == 4309:
    print(4309)
elif x == 4310:
    print(4310)
elif x == 4311:
    print(4311)
elif x == 4312:
    print(4312)
elif x == 4313:
    print(4313)
elif x == 4314:
    print(4314)
elif x == 4315:
    print(4315)
elif x == 4316:
    print(4316)
elif x == 4317:
    print(4317)
elif x == 4318:
    print(4318)
elif x == 4319:
    print(4319)
elif x == 4320:
    print(4320)
elif x == 4321:
    print(4321)
elif x == 4322:
    print(4322)
elif x == 4323:
    print(4323)
elif x == 4324:
    print(4324)
elif x == 4325:
    print(4325)
elif x == 4326:
    print(4326)
elif x == 4327:
    print(4327)
elif x == 4328:
    print(4328)
elif x == 4329:
    print(4329)
elif x == 4330:
    print(4330)
elif x == 4331:
    print(4331)
elif x == 4332:
    print(4332)
elif x == 4333:
    print(4333)
elif x == 4334:
    print(4334)
elif x == 4335:
    print(4335)
elif x == 4336:
    print(4336)
elif x == 4337:
    print(4337)
elif x == 4338:
    print(4338)
elif x == 4339:
    print(4339)
elif x == 4340:
    print(4340)
elif x == 4341:
    print(4341)
elif x == 4342:
    print(4342)
elif x == 4343:
    print(4343)
elif x == 4344:
    print(4344)
elif x == 4345:
    print(4345)
elif x == 4346:
    print(4346)
elif x == 4347:
    print(4347)
elif x == 4348:
    print(4348)
elif x == 4349:
    print(4349)
elif x == 4350:
    print(4350)
elif x == 4351:
    print(4351)
elif x == 4352:
    print(4352)
elif x == 4353:
    print(4353)
elif x == 4354:
    print(4354)
elif x == 4355:
    print(4355)
elif x == 4356:
    print(4356)
elif x == 4357:
    print(4357)
elif x == 4358:
    print(4358)
elif x == 4359:
    print(4359)
elif x == 4360:
    print(4360)
elif x == 4361:
    print(4361)
elif x == 4362:
    print(4362)
elif x == 4363:
    print(4363)
elif x == 4364:
    print(4364)
elif x == 4365:
    print(4365)
elif x == 4366:
    print(4366)
elif x == 4367:
    print(4367)
elif x == 4368:
    print(4368)
elif x == 4369:
    print(4369)
elif x == 4370:
    print(4370)
elif x == 4371:
    print(4371)
elif x == 4372:
    print(4372)
elif x == 4373:
    print(4373)
elif x == 4374:
    print(4374)
elif x == 4375:
    print(4375)
elif x == 4376:
    print(4376)
elif x == 4377:
    print(4377)
elif x == 4378:
    print(4378)
elif x == 4379:
    print(4379)
elif x == 4380:
    print(4380)
elif x == 4381:
    print(4381)
elif x == 4382:
    print(4382)
elif x == 4383:
    print(4383)
elif x == 4384:
    print(4384)
elif x == 4385:
    print(4385)
elif x == 4386:
    print(4386)
elif x == 4387:
    print(4387)
elif x == 4388:
    print(4388)
elif x == 4389:
    print(4389)
elif x == 4390:
    print(4390)
elif x == 4391:
    print(4391)
elif x == 4392:
    print(4392)
elif x == 4393:
    print(4393)
elif x == 4394:
    print(4394)
elif x == 4395:
    print(4395)
elif x == 4396:
    print(4396)
elif x == 4397:
    print(4397)
elif x == 4398:
    print(4398)
elif x == 4399:
    print(4399)
elif x == 4400:
    print(4400)
elif x == 4401:
    print(4401)
elif x == 4402:
    print(4402)
elif x == 4403:
    print(4403)
elif x == 4404:
    print(4404)
elif x == 4405:
    print(4405)
elif x == 4406:
    print(4406)
elif x == 4407:
    print(4407)
elif x == 4408:
    print(4408)
elif x == 4409:
    print(4409)
elif x == 4410:
    print(4410)
elif x == 4411:
    print(4411)
elif x == 4412:
    print(4412)
elif x == 4413:
    print(4413)
elif x == 4414:
    print(4414)
elif x == 4415:
    print(4415)
elif x == 4416:
    print(4416)
elif x == 4417:
    print(4417)
elif x == 4418:
    print(4418)
elif x == 4419:
    print(4419)
elif x == 4420:
    print(4420)
elif x == 4421:
    print(4421)
elif x == 4422:
    print(4422)
elif x == 4423:
    print(4423)
elif x == 4424:
    print(4424)
elif x == 4425:
    print(4425)
elif x == 4426:
    print(4426)
elif x == 4427:
    print(4427)
elif x == 4428:
    print(4428)
elif x == 4429:
    print(4429)
elif x == 4430:
    print(4430)
elif x == 4431:
    print(4431)
elif x == 4432:
    print(4432)
elif x == 4433:
    print(4433)
elif x == 4434:
    print(4434)
elif x == 4435:
    print(4435)
elif x == 4436:
    print(4436)
elif x == 4437:
    print(4437)
elif x == 4438:
    print(4438)
elif x == 4439:
    print(4439)
elif x == 4440:
    print(4440)
elif x == 4441:
    print(4441)
elif x == 4442:
    print(4442)
elif x == 4443:
    print(4443)
elif x == 4444:
    print(4444)
elif x == 4445:
    print(4445)
elif x == 4446:
    print(4446)
elif x == 4447:
    print(4447)
elif x == 4448:
    print(4448)
elif x == 4449:
    print(4449)
elif x == 4450:
    print(4450)
elif x == 4451:
    print(4451)
elif x == 4452:
    print(4452)
elif x == 4453:
    print(4453)
elif x == 4454:
    print(4454)
elif x == 4455:
    print(4455)
elif x == 4456:
    print(4456)
elif x == 4457:
    print(4457)
elif x == 4458:
    print(4458)
elif x == 4459:
    print(4459)
elif x == 4460:
    print(4460)
elif x == 4461:
    print(4461)
elif x == 4462:
    print(4462)
elif x == 4463:
    print(4463)
elif x == 4464:
    print(4464)
elif x == 4465:
    print(4465)
elif x == 4466:
    print(4466)
elif x == 4467:
    print(4467)
elif x == 4468:
    print(4468)
elif x == 4469:
    print(4469)
elif x == 4470:
    print(4470)
elif x == 4471:
    print(4471)
elif x == 4472:
    print(4472)
elif x == 4473:
    print(4473)
elif x == 4474:
    print(4474)
elif x == 4475:
    print(4475)
elif x == 4476:
    print(4476)
elif x == 4477:
    print(4477)
elif x == 4478:
    print(4478)
elif x == 4479:
    print(4479)
elif x == 4480:
    print(4480)
elif x == 4481:
    print(4481)
elif x == 4482:
    print(4482)
elif x == 4483:
    print(4483)
elif x == 4484:
    print(4484)
elif x == 4485:
    print(4485)
elif x == 4486:
    print(4486)
elif x == 4487:
    print(4487)
elif x == 4488:
    print(4488)
elif x == 4489:
    print(4489)
elif x == 4490:
    print(4490)
elif x == 4491:
    print(4491)
elif x == 4492:
    print(4492)
elif x == 4493:
    print(4493)
elif x == 4494:
    print(4494)
elif x == 4495:
    print(4495)
elif x == 4496:
    print(4496)
elif x == 4497:
    print(4497)
elif x == 4498:
    print(4498)
elif x == 4499:
    print(4499)
elif x == 4500:
    print(4500)
elif x == 4501:
    print(4501)
elif x == 4502:
    print(4502)
elif x == 4503:
    print(4503)
elif x == 4504:
    print(4504)
elif x == 4505:
    print(4505)
elif x == 4506:
    print(4506)
elif x == 4507:
    print(4507)
elif x == 4508:
    print(4508)
elif x == 4509:
    print(4509)
elif x == 4510:
    print(4510)
elif x == 4511:
    print(4511)
elif x == 4512:
    print(4512)
elif x == 4513:
    print(4513)
elif x == 4514:
    print(4514)
elif x == 4515:
    print(4515)
elif x == 4516:
    print(4516)
elif x == 4517:
    print(4517)
elif x == 4518:
    print(4518)
elif x == 4519:
    print(4519)
elif x == 4520:
    print(4520)
elif x == 4521:
    print(4521)
elif x == 4522:
    print(4522)
elif x == 4523:
    print(4523)
elif x == 4524:
    print(4524)
elif x == 4525:
    print(4525)
elif x == 4526:
    print(4526)
elif x == 4527:
    print(4527)
elif x == 4528:
    print(4528)
elif x == 4529:
    print(4529)
elif x == 4530:
    print(4530)
elif x == 4531:
    print(4531)
elif x == 4532:
    print(4532)
elif x == 4533:
    print(4533)
elif x == 4534:
    print(4534)
elif x == 4535:
    print(4535)
elif x == 4536:
    print(4536)
elif x == 4537:
    print(4537)
elif x == 4538:
    print(4538)
elif x == 4539:
    print(4539)
elif x == 4540:
    print(4540)
elif x == 4541:
    print(4541)
elif x == 4542:
    print(4542)
elif x == 4543:
    print(4543)
elif x == 4544:
    print(4544)
elif x == 4545:
    print(4545)
elif x == 4546:
    print(4546)
elif x == 4547:
    print(4547)
elif x == 4548:
    print(4548)
elif x == 4549:
    print(4549)
elif x == 4550:
    print(4550)
elif x == 4551:
    print(4551)
elif x == 4552:
    print(4552)
elif x == 4553:
    print(4553)
elif x == 4554:
    print(4554)
elif x == 4555:
    print(4555)
elif x == 4556:
    print(4556)
elif x == 4557:
    print(4557)
elif x == 4558:
    print(4558)
elif x == 4559:
    print(4559)
elif x == 4560:
    print(4560)
elif x == 4561:
    print(4561)
elif x == 4562:
    print(4562)
elif x == 4563:
    print(4563)
elif x == 4564:
    print(4564)
elif x == 4565:
    print(4565)
elif x == 4566:
    print(4566)
elif x == 4567:
    print(4567)
elif x == 4568:
    print(4568)
elif x == 4569:
    print(4569)
elif x == 4570:
    print(4570)
elif x == 4571:
    print(4571)
elif x == 4572:
    print(4572)
elif x == 4573:
    print(4573)
elif x == 4574:
    print(4574)
elif x == 4575:
    print(4575)
elif x == 4576:
    print(4576)
elif x == 4577:
    print(4577)
elif x == 4578:
    print(4578)
elif x == 4579:
    print(4579)
elif x == 4580:
    print(4580)
elif x == 4581:
    print(4581)
elif x == 4582:
    print(4582)
elif x == 4583:
    print(4583)
elif x == 4584:
    print(4584)
elif x == 4585:
    print(4585)
elif x == 4586:
    print(4586)
elif x == 4587:
    print(4587)
elif x == 4588:
    print(4588)
elif x == 4589:
    print(4589)
elif x == 4590:
    print(4590)
elif x == 4591:
    print(4591)
elif x == 4592:
    print(4592)
elif x == 4593:
    print(4593)
elif x == 4594:
    print(4594)
elif x == 4595:
    print(4595)
elif x == 4596:
    print(4596)
elif x == 4597:
    print(4597)
elif x == 4598:
    print(4598)
elif x == 4599:
    print(4599)
elif x == 4600:
    print(4600)
elif x == 4601:
    print(4601)
elif x == 4602:
    print(4602)
elif x == 4603:
    print(4603)
elif x == 4604:
    print(4604)
elif x == 4605:
    print(4605)
elif x == 4606:
    print(4606)
elif x == 4607:
    print(4607)
elif x == 4608:
    print(4608)
elif x == 4609:
    print(4609)
elif x == 4610:
    print(4610)
elif x == 4611:
    print(4611)
elif x == 4612:
    print(4612)
elif x == 4613:
    print(4613)
elif x == 4614:
    print(4614)
elif x == 4615:
    print(4615)
elif x == 4616:
    print(4616)
elif x == 4617:
    print(4617)
elif x == 4618:
    print(4618)
elif x == 4619:
    print(4619)
elif x == 4620:
    print(4620)
elif x == 4621:
    print(4621)
elif x == 4622:
    print(4622)
elif x == 4623:
    print(4623)
elif x == 4624:
    print(4624)
elif x == 4625:
    print(4625)
elif x == 4626:
    print(4626)
elif x == 4627:
    print(4627)
elif x == 4628:
    print(4628)
elif x == 4629:
    print(4629)
elif x == 4630:
    print(4630)
elif x == 4631:
    print(4631)
elif x == 4632:
    print(4632)
elif x == 4633:
    print(4633)
elif x == 4634:
    print(4634)
elif x == 4635:
    print(4635)
elif x == 4636:
    print(4636)
elif x == 4637:
    print(4637)
elif x == 4638:
    print(4638)
elif x == 4639:
    print(4639)
elif x == 4640:
    print(4640)
elif x == 4641:
    print(4641)
elif x == 4642:
    print(4642)
elif x == 4643:
    print(4643)
elif x == 4644:
    print(4644)
elif x == 4645:
    print(4645)
elif x == 4646:
    print(4646)
elif x == 4647:
    print(4647)
elif x == 4648:
    print(4648)
elif x == 4649:
    print(4649)
elif x == 4650:
    print(4650)
elif x == 4651:
    print(4651)
elif x == 4652:
    print(4652)
elif x == 4653:
    print(4653)
elif x == 4654:
    print(4654)
elif x == 4655:
    print(4655)
elif x == 4656:
    print(4656)
elif x == 4657:
    print(4657)
elif x == 4658:
    print(4658)
elif x == 4659:
    print(4659)
elif x == 4660:
    print(4660)
elif x == 4661:
    print(4661)
elif x == 4662:
    print(4662)
elif x == 4663:
    print(4663)
elif x == 4664:
    print(4664)
elif x == 4665:
    print(4665)
elif x == 4666:
    print(4666)
elif x == 4667:
    print(4667)
elif x == 4668:
    print(4668)
elif x == 4669:
    print(4669)
elif x == 4670:
    print(4670)
elif x == 4671:
    print(4671)
elif x == 4672:
    print(4672)
elif x == 4673:
    print(4673)
elif x == 4674:
    print(4674)
elif x == 4675:
    print(4675)
elif x == 4676:
    print(4676)
elif x == 4677:
    print(4677)
elif x == 4678:
    print(4678)
elif x == 4679:
    print(4679)
elif x == 4680:
    print(4680)
elif x == 4681:
    print(4681)
elif x == 4682:
    print(4682)
elif x == 4683:
    print(4683)
elif x == 4684:
    print(4684)
elif x == 4685:
    print(4685)
elif x == 4686:
    print(4686)
elif x == 4687:
    print(4687)
elif x == 4688:
    print(4688)
elif x == 4689:
    print(4689)
elif x == 4690:
    print(4690)
elif x == 4691:
    print(4691)
elif x == 4692:
    print(4692)
elif x == 4693:
    print(4693)
elif x == 4694:
    print(4694)
elif x == 4695:
    print(4695)
elif x == 4696:
    print(4696)
elif x == 4697:
    print(4697)
elif x == 4698:
    print(4698)
elif x == 4699:
    print(4699)
elif x == 4700:
    print(4700)
elif x == 4701:
    print(4701)
elif x == 4702:
    print(4702)
elif x == 4703:
    print(4703)
elif x == 4704:
    print(4704)
elif x == 4705:
    print(4705)
elif x == 4706:
    print(4706)
elif x == 4707:
    print(4707)
elif x == 4708:
    print(4708)
elif x == 4709:
    print(4709)
elif x == 4710:
    print(4710)
elif x == 4711:
    print(4711)
elif x == 4712:
    print(4712)
elif x == 4713:
    print(4713)
elif x == 4714:
    print(4714)
elif x == 4715:
    print(4715)
elif x == 4716:
    print(4716)
elif x == 4717:
    print(4717)
elif x == 4718:
    print(4718)
elif x == 4719:
    print(4719)
elif x == 4720:
    print(4720)
elif x == 4721:
    print(4721)
elif x == 4722:
    print(4722)
elif x == 4723:
    print(4723)
elif x == 4724:
    print(4724)
elif x == 4725:
    print(4725)
elif x == 4726:
    print(4726)
elif x == 4727:
    print(4727)
elif x == 4728:
    print(4728)
elif x == 4729:
    print(4729)
elif x == 4730:
    print(4730)
elif x == 4731:
    print(4731)
elif x == 4732:
    print(4732)
elif x == 4733:
    print(4733)
elif x == 4734:
    print(4734)
elif x == 4735:
    print(4735)
elif x == 4736:
    print(4736)
elif x == 4737:
    print(4737)
elif x == 4738:
    print(4738)
elif x == 4739:
    print(4739)
elif x == 4740:
    print(4740)
elif x == 4741:
    print(4741)
elif x == 4742:
    print(4742)
elif x == 4743:
    print(4743)
elif x == 4744:
    print(4744)
elif x == 4745:
    print(4745)
elif x == 4746:
    print(4746)
elif x == 4747:
    print(4747)
elif x == 4748:
    print(4748)
elif x == 4749:
    print(4749)
elif x == 4750:
    print(4750)
elif x == 4751:
    print(4751)
elif x == 4752:
    print(4752)
elif x == 4753:
    print(4753)
elif x == 4754:
    print(4754)
elif x == 4755:
    print(4755)
elif x == 4756:
    print(4756)
elif x == 4757:
    print(4757)
elif x == 4758:
    print(4758)
elif x == 4759:
    print(4759)
elif x == 4760:
    print(4760)
elif x == 4761:
    print(4761)
elif x == 4762:
    print(4762)
elif x == 4763:
    print(4763)
elif x == 4764:
    print(4764)
elif x == 4765:
    print(4765)
elif x == 4766:
    print(4766)
elif x == 4767:
    print(4767)
elif x == 4768:
    print(4768)
elif x == 4769:
    print(4769)
elif x == 4770:
    print(4770)
elif x == 4771:
    print(4771)
elif x == 4772:
    print(4772)
elif x == 4773:
    print(4773)
elif x == 4774:
    print(4774)
elif x == 4775:
    print(4775)
elif x == 4776:
    print(4776)
elif x == 4777:
    print(4777)
elif x == 4778:
    print(4778)
elif x == 4779:
    print(4779)
elif x == 4780:
    print(4780)
elif x == 4781:
    print(4781)
elif x == 4782:
    print(4782)
elif x == 4783:
    print(4783)
elif x == 4784:
    print(4784)
elif x == 4785:
    print(4785)
elif x == 4786:
    print(4786)
elif x == 4787:
    print(4787)
elif x == 4788:
    print(4788)
elif x == 4789:
    print(4789)
elif x == 4790:
    print(4790)
elif x == 4791:
    print(4791)
elif x == 4792:
    print(4792)
elif x == 4793:
    print(4793)
elif x == 4794:
    print(4794)
elif x == 4795:
    print(4795)
elif x == 4796:
    print(4796)
elif x == 4797:
    print(4797)
elif x == 4798:
    print(4798)
elif x == 4799:
    print(4799)
elif x == 4800:
    print(4800)
elif x == 4801:
    print(4801)
elif x == 4802:
    print(4802)
elif x == 4803:
    print(4803)
elif x == 4804:
    print(4804)
elif x == 4805:
    print(4805)
elif x == 4806:
    print(4806)
elif x == 4807:
    print(4807)
elif x == 4808:
    print(4808)
elif x == 4809:
    print(4809)
elif x == 4810:
    print(4810)
elif x == 4811:
    print(4811)
elif x == 4812:
    print(4812)
elif x == 4813:
    print(4813)
elif x == 4814:
    print(4814)
elif x == 4815:
    print(4815)
elif x == 4816:
    print(4816)
elif x == 4817:
    print(4817)
elif x == 4818:
    print(4818)
elif x == 4819:
    print(4819)
elif x == 4820:
    print(4820)
elif x == 4821:
    print(4821)
elif x == 4822:
    print(4822)
elif x == 4823:
    print(4823)
elif x == 4824:
    print(4824)
elif x == 4825:
    print(4825)
elif x == 4826:
    print(4826)
elif x == 4827:
    print(4827)
elif x == 4828:
    print(4828)
elif x == 4829:
    print(4829)
elif x == 4830:
    print(4830)
elif x == 4831:
    print(4831)
elif x == 4832:
    print(4832)
elif x == 4833:
    print(4833)
elif x == 4834:
    print(4834)
elif x == 4835:
    print(4835)
elif x == 4836:
    print(4836)
elif x == 4837:
    print(4837)
elif x == 4838:
    print(4838)
elif x == 4839:
    print(4839)
elif x == 4840:
    print(4840)
elif x == 4841:
    print(4841)
elif x == 4842:
    print(4842)
elif x == 4843:
    print(4843)
elif x == 4844:
    print(4844)
elif x == 4845:
    print(4845)
elif x == 4846:
    print(4846)
elif x == 4847:
    print(4847)
elif x == 4848:
    print(4848)
elif x == 4849:
    print(4849)
elif x == 4850:
    print(4850)
elif x == 4851:
    print(4851)
elif x == 4852:
    print(4852)
elif x == 4853:
    print(4853)
elif x == 4854:
    print(4854)
elif x == 4855:
    print(4855)
elif x == 4856:
    print(4856)
elif x == 4857:
    print(4857)
elif x == 4858:
    print(4858)
elif x == 4859:
    print(4859)
elif x == 4860:
    print(4860)
elif x == 4861:
    print(4861)
elif x == 4862:
    print(4862)
elif x == 4863:
    print(4863)
elif x == 4864:
    print(4864)
elif x == 4865:
    print(4865)
elif x == 4866:
    print(4866)
elif x == 4867:
    print(4867)
elif x == 4868:
    print(4868)
elif x == 4869:
    print(4869)
elif x == 4870:
    print(4870)
elif x == 4871:
    print(4871)
elif x == 4872:
    print(4872)
elif x == 4873:
    print(4873)
elif x == 4874:
    print(4874)
elif x == 4875:
    print(4875)
elif x == 4876:
    print(4876)
elif x == 4877:
    print(4877)
elif x == 4878:
    print(4878)
elif x == 4879:
    print(4879)
elif x == 4880:
    print(4880)
elif x == 4881:
    print(4881)
elif x == 4882:
    print(4882)
elif x == 4883:
    print(4883)
elif x == 4884:
    print(4884)
elif x == 4885:
    print(4885)
elif x == 4886:
    print(4886)
elif x == 4887:
    print(4887)
elif x == 4888:
    print(4888)
elif x == 4889:
    print(4889)
elif x == 4890:
    print(4890)
elif x == 4891:
    print(4891)
elif x == 4892:
    print(4892)
elif x == 4893:
    print(4893)
elif x == 4894:
    print(4894)
elif x == 4895:
    print(4895)
elif x == 4896:
    print(4896)
elif x == 4897:
    print(4897)
elif x == 4898:
    print(4898)
elif x == 4899:
    print(4899)
elif x == 4900:
    print(4900)
elif x == 4901:
    print(4901)
elif x == 4902:
    print(4902)
elif x == 4903:
    print(4903)
elif x == 4904:
    print(4904)
elif x == 4905:
    print(4905)
elif x == 4906:
    print(4906)
elif x == 4907:
    print(4907)
elif x == 4908:
    print(4908)
elif x == 4909:
    print(4909)
elif x == 4910:
    print(4910)
elif x == 4911:
    print(4911)
elif x == 4912:
    print(4912)
elif x == 4913:
    print(4913)
elif x == 4914:
    print(4914)
elif x == 4915:
    print(4915)
elif x == 4916:
    print(4916)
elif x == 4917:
    print(4917)
elif x == 4918:
    print(4918)
elif x == 4919:
    print(4919)
elif x == 4920:
    print(4920)
elif x == 4921:
    print(4921)
elif x == 4922:
    print(4922)
elif x == 4923:
    print(4923)
elif x == 4924:
    print(4924)
elif x == 4925:
    print(4925)
elif x == 4926:
    print(4926)
elif x == 4927:
    print(4927)
elif x == 4928:
    print(4928)
elif x == 4929:
    print(4929)
elif x == 4930:
    print(4930)
elif x == 4931:
    print(4931)
elif x == 4932:
    print(4932)
elif x == 4933:
    print(4933)
elif x == 4934:
    print(4934)
elif x == 4935:
    print(4935)
elif x == 4936:
    print(4936)
elif x == 4937:
    print(4937)
elif x == 4938:
    print(4938)
elif x == 4939:
    print(4939)
elif x == 4940:
    print(4940)
elif x == 4941:
    print(4941)
elif x == 4942:
    print(4942)
elif x == 4943:
    print(4943)
elif x == 4944:
    print(4944)
elif x == 4945:
    print(4945)
elif x == 4946:
    print(4946)
elif x == 4947:
    print(4947)
elif x == 4948:
    print(4948)
elif x == 4949:
    print(4949)
elif x == 4950:
    print(4950)
elif x == 4951:
    print(4951)
elif x == 4952:
    print(4952)
elif x == 4953:
    print(4953)
elif x == 4954:
    print(4954)
elif x == 4955:
    print(4955)
elif x == 4956:
    print(4956)
elif x == 4957:
    print(4957)
elif x == 4958:
    print(4958)
elif x == 4959:
    print(4959)
elif x == 4960:
    print(4960)
elif x == 4961:
    print(4961)
elif x == 4962:
    print(4962)
elif x == 4963:
    print(4963)
elif x == 4964:
    print(4964)
elif x == 4965:
    print(4965)
elif x == 4966:
    print(4966)
elif x == 4967:
    print(4967)
elif x == 4968:
    print(4968)
elif x == 4969:
    print(4969)
elif x == 4970:
    print(4970)
elif x == 4971:
    print(4971)
elif x == 4972:
    print(4972)
elif x == 4973:
    print(4973)
elif x == 4974:
    print(4974)
elif x == 4975:
    print(4975)
elif x == 4976:
    print(4976)
elif x == 4977:
    print(4977)
elif x == 4978:
    print(4978)
elif x == 4979:
    print(4979)
elif x == 4980:
    print(4980)
elif x == 4981:
    print(4981)
elif x == 4982:
    print(4982)
elif x == 4983:
    print(4983)
elif x == 4984:
    print(4984)
elif x == 4985:
    print(4985)
elif x == 4986:
    print(4986)
elif x == 4987:
    print(4987)
elif x == 4988:
    print(4988)
elif x == 4989:
    print(4989)
elif x == 4990:
    print(4990)
elif x == 4991:
    print(4991)
elif x == 4992:
    print(4992)
elif x == 4993:
    print(4993)
elif x == 4994:
    print(4994)
elif x == 4995:
    print(4995)
elif x == 4996:
    print(4996)
elif x == 4997:
    print(4997)
elif x == 4998:
    print(4998)
elif x == 4999:
    print(4999)
elif x == 5000:
    print(5000)
elif x == 5001:
    print(5001)
elif x == 5002:
    print(5002)
elif x == 5003:
    print(5003)
elif x == 5004:
    print(5004)
elif x == 5005:
    print(5005)
elif x == 5006:
    print(5006)
elif x == 5007:
    print(5007)
elif x == 5008:
    print(5008)
elif x == 5009:
    print(5009)
elif x == 5010:
    print(5010)
elif x == 5011:
    print(5011)
elif x == 5012:
    print(5012)
elif x == 5013:
    print(5013)
elif x == 5014:
    print(5014)
elif x == 5015:
    print(5015)
elif x == 5016:
    print(5016)
elif x == 5017:
    print(5017)
elif x == 5018:
    print(5018)
elif x == 5019:
    print(5019)
elif x == 5020:
    print(5020)
elif x == 5021:
    print(5021)
elif x == 5022:
    print(5022)
elif x == 5023:
    print(5023)
elif x == 5024:
    print(5024)
elif x == 5025:
    print(5025)
elif x == 5026:
    print(5026)
elif x == 5027:
    print(5027)
elif x == 5028:
    print(5028)
elif x == 5029:
    print(5029)
elif x == 5030:
    print(5030)
elif x == 5031:
    print(5031)
elif x == 5032:
    print(5032)
elif x == 5033:
    print(5033)
elif x == 5034:
    print(5034)
elif x == 5035:
    print(5035)
elif x == 5036:
    print(5036)
elif x == 5037:
    print(5037)
elif x == 5038:
    print(5038)
elif x == 5039:
    print(5039)
elif x == 5040:
    print(5040)
elif x == 5041:
    print(5041)
elif x == 5042:
    print(5042)
elif x == 5043:
    print(5043)
elif x == 5044:
    print(5044)
elif x == 5045:
    print(5045)
elif x == 5046:
    print(5046)
elif x == 5047:
    print(5047)
elif x == 5048:
    print(5048)
elif x == 5049:
    print(5049)
elif x == 5050:
    print(5050)
elif x == 5051:
    print(5051)
elif x == 5052:
    print(5052)
elif x == 5053:
    print(5053)
elif x == 5054:
    print(5054)
elif x == 5055:
    print(5055)
elif x == 5056:
    print(5056)
elif x == 5057:
    print(5057)
elif x == 5058:
    print(5058)
elif x == 5059:
    print(5059)
elif x == 5060:
    print(5060)
elif x == 5061:
    print(5061)
elif x == 5062:
    print(5062)
elif x == 5063:
    print(5063)
elif x == 5064:
    print(5064)
elif x == 5065:
    print(5065)
elif x == 5066:
    print(5066)
elif x == 5067:
    print(5067)
elif x == 5068:
    print(5068)
elif x == 5069:
    print(5069)
elif x == 5070:
    print(5070)
elif x == 5071:
    print(5071)
elif x == 5072:
    print(5072)
elif x == 5073:
    print(5073)
elif x == 5074:
    print(5074)
elif x == 5075:
    print(5075)
elif x == 5076:
    print(5076)
elif x == 5077:
    print(5077)
elif x == 5078:
    print(5078)
elif x == 5079:
    print(5079)
elif x == 5080:
    print(5080)
elif x == 5081:
    print(5081)
elif x == 5082:
    print(5082)
elif x == 5083:
    print(5083)
elif x == 5084:
    print(5084)
elif x == 5085:
    print(5085)
elif x == 5086:
    print(5086)
elif x == 5087:
    print(5087)
elif x == 5088:
    print(5088)
elif x == 5089:
    print(5089)
elif x == 5090:
    print(5090)
elif x == 5091:
    print(5091)
elif x == 5092:
    print(5092)
elif x == 5093:
    print(5093)
elif x == 5094:
    print(5094)
elif x == 5095:
    print(5095)
elif x == 5096:
    print(5096)
elif x == 5097:
    print(5097)
elif x == 5098:
    print(5098)
elif x == 5099:
    print(5099)
elif x == 5100:
    print(5100)
elif x == 5101:
    print(5101)
elif x == 5102:
    print(5102)
elif x == 5103:
    print(5103)
elif x == 5104:
    print(5104)
elif x == 5105:
    print(5105)
elif x == 5106:
    print(5106)
elif x == 5107:
    print(5107)
elif x == 5108:
    print(5108)
elif x == 5109:
    print(5109)
elif x == 5110:
    print(5110)
elif x == 5111:
    print(5111)
elif x == 5112:
    print(5112)
elif x == 5113:
    print(5113)
elif x == 5114:
    print(5114)
elif x == 5115:
    print(5115)
elif x == 5116:
    print(5116)
elif x == 5117:
    print(5117)
elif x == 5118:
    print(5118)
elif x == 5119:
    print(5119)
elif x == 5120:
    print(5120)
elif x == 5121:
    print(5121)
elif x == 5122:
    print(5122)
elif x == 5123:
    print(5123)
elif x == 5124:
    print(5124)
elif x == 5125:
    print(5125)
elif x == 5126:
    print(5126)
elif x == 5127:
    print(5127)
elif x == 5128:
    print(5128)
elif x == 5129:
    print(5129)
elif x == 5130:
    print(5130)
elif x == 5131:
    print(5131)
elif x == 5132:
    print(5132)
elif x == 5133:
    print(5133)
elif x == 5134:
    print(5134)
elif x == 5135:
    print(5135)
elif x == 5136:
    print(5136)
elif x == 5137:
    print(5137)
elif x == 5138:
    print(5138)
elif x == 5139:
    print(5139)
elif x == 5140:
    print(5140)
elif x == 5141:
    print(5141)
elif x == 5142:
    print(5142)
elif x == 5143:
    print(5143)
elif x == 5144:
    print(5144)
elif x == 5145:
    print(5145)
elif x == 5146:
    print(5146)
elif x == 5147:
    print(5147)
elif x == 5148:
    print(5148)
elif x == 5149:
    print(5149)
elif x == 5150:
    print(5150)
elif x == 5151:
    print(5151)
elif x == 5152:
    print(5152)
elif x == 5153:
    print(5153)
elif x == 5154:
    print(5154)
elif x == 5155:
    print(5155)
elif x == 5156:
    print(5156)
elif x == 5157:
    print(5157)
elif x == 5158:
    print(5158)
elif x == 5159:
    print(5159)
elif x == 5160:
    print(5160)
elif x == 5161:
    print(5161)
elif x == 5162:
    print(5162)
elif x == 5163:
    print(5163)
elif x == 5164:
    print(5164)
elif x == 5165:
    print(5165)
elif x == 5166:
    print(5166)
elif x == 5167:
    print(5167)
elif x == 5168:
    print(5168)
elif x == 5169:
    print(5169)
elif x == 5170:
    print(5170)
elif x == 5171:
    print(5171)
elif x == 5172:
    print(5172)
elif x == 5173:
    print(5173)
elif x == 5174:
    print(5174)
elif x == 5175:
    print(5175)
elif x == 5176:
    print(5176)
elif x == 5177:
    print(5177)
elif x == 5178:
    print(5178)
elif x == 5179:
    print(5179)
elif x == 5180:
    print(5180)
elif x == 5181:
    print(5181)
elif x == 5182:
    print(5182)
elif x == 5183:
    print(5183)
elif x == 5184:
    print(5184)
elif x == 5185:
    print(5185)
elif x == 5186:
    print(5186)
elif x == 5187:
    print(5187)
elif x == 5188:
    print(5188)
elif x == 5189:
    print(5189)
elif x == 5190:
    print(5190)
elif x == 5191:
    print(5191)
elif x == 5192:
    print(5192)
elif x == 5193:
    print(5193)
elif x == 5194:
    print(5194)
elif x == 5195:
    print(5195)
elif x == 5196:
    print(5196)
elif x == 5197:
    print(5197)
elif x == 5198:
    print(5198)
elif x == 5199:
    print(5199)
elif x == 5200:
    print(5200)
elif x == 5201:
    print(5201)
elif x == 5202:
    print(5202)
elif x == 5203:
    print(5203)
elif x == 5204:
    print(5204)
elif x == 5205:
    print(5205)
elif x == 5206:
    print(5206)
elif x == 5207:
    print(5207)
elif x == 5208:
    print(5208)
elif x == 5209:
    print(5209)
elif x == 5210:
    print(5210)
elif x == 5211:
    print(5211)
elif x == 5212:
    print(5212)
elif x == 5213:
    print(5213)
elif x == 5214:
    print(5214)
elif x == 5215:
    print(5215)
elif x == 5216:
    print(5216)
elif x == 5217:
    print(5217)
elif x == 5218:
    print(5218)
elif x == 5219:
    print(5219)
elif x == 5220:
    print(5220)
elif x == 5221:
    print(5221)
elif x == 5222:
    print(5222)
elif x == 5223:
    print(5223)
elif x == 5224:
    print(5224)
elif x == 5225:
    print(5225)
elif x == 5226:
    print(5226)
elif x == 5227:
    print(5227)
elif x == 5228:
    print(5228)
elif x == 5229:
    print(5229)
elif x == 5230:
    print(5230)
elif x == 5231:
    print(5231)
elif x == 5232:
    print(5232)
elif x == 5233:
    print(5233)
elif x == 5234:
    print(5234)
elif x == 5235:
    print(5235)
elif x == 5236:
    print(5236)
elif x == 5237:
    print(5237)
elif x == 5238:
    print(5238)
elif x == 5239:
    print(5239)
elif x == 5240:
    print(5240)
elif x == 5241:
    print(5241)
elif x == 5242:
    print(5242)
elif x == 5243:
    print(5243)
elif x == 5244:
    print(5244)
elif x == 5245:
    print(5245)
elif x == 5246:
    print(5246)
elif x == 5247:
    print(5247)
elif x == 5248:
    print(5248)
elif x == 5249:
    print(5249)
elif x == 5250:
    print(5250)
elif x == 5251:
    print(5251)
elif x == 5252:
    print(5252)
elif x == 5253:
    print(5253)
elif x == 5254:
    print(5254)
elif x == 5255:
    print(5255)
elif x == 5256:
    print(5256)
elif x == 5257:
    print(5257)
elif x == 5258:
    print(5258)
elif x == 5259:
    print(5259)
elif x == 5260:
    print(5260)
elif x == 5261:
    print(5261)
elif x == 5262:
    print(5262)
elif x == 5263:
    print(5263)
elif x == 5264:
    print(5264)
elif x == 5265:
    print(5265)
elif x == 5266:
    print(5266)
elif x == 5267:
    print(5267)
elif x == 5268:
    print(5268)
elif x == 5269:
    print(5269)
elif x == 5270:
    print(5270)
elif x == 5271:
    print(5271)
elif x == 5272:
    print(5272)
elif x == 5273:
    print(5273)
elif x == 5274:
    print(5274)
elif x == 5275:
    print(5275)
elif x == 5276:
    print(5276)
elif x == 5277:
    print(5277)
elif x == 5278:
    print(5278)
elif x == 5279:
    print(5279)
elif x == 5280:
    print(5280)
elif x == 5281:
    print(5281)
elif x == 5282:
    print(5282)
elif x == 5283:
    print(5283)
elif x == 5284:
    print(5284)
elif x == 5285:
    print(5285)
elif x == 5286:
    print(5286)
elif x == 5287:
    print(5287)
elif x == 5288:
    print(5288)
elif x == 5289:
    print(5289)
elif x == 5290:
    print(5290)
elif x == 5291:
    print(5291)
elif x == 5292:
    print(5292)
elif x == 5293:
    print(5293)
elif x == 5294:
    print(5294)
elif x == 5295:
    print(5295)
elif x == 5296:
    print(5296)
elif x == 5297:
    print(5297)
elif x == 5298:
    print(5298)
elif x == 5299:
    print(5299)
elif x == 5300:
    print(5300)
elif x == 5301:
    print(5301)
elif x == 5302:
    print(5302)
elif x == 5303:
    print(5303)
elif x == 5304:
    print(5304)
elif x == 5305:
    print(5305)
elif x == 5306:
    print(5306)
elif x == 5307:
    print(5307)
elif x == 5308:
    print(5308)
elif x == 5309:
    print(5309)
elif x == 5310:
    print(5310)
elif x == 5311:
    print(5311)
elif x == 5312:
    print(5312)
elif x == 5313:
    print(5313)
elif x == 5314:
    print(5314)
elif x == 5315:
    print(5315)
elif x == 5316:
    print(5316)
elif x == 5317:
    print(5317)
elif x == 5318:
    print(5318)
elif x == 5319:
    print(5319)
elif x == 5320:
    print(5320)
elif x == 5321:
    print(5321)
elif x == 5322:
    print(5322)
elif x == 5323:
    print(5323)
elif x == 5324:
    print(5324)
elif x == 5325:
    print(5325)
elif x == 5326:
    print(5326)
elif x == 5327:
    print(5327)
elif x == 5328:
    print(5328)
elif x == 5329:
    print(5329)
elif x == 5330:
    print(5330)
elif x == 5331:
    print(5331)
elif x == 5332:
    print(5332)
elif x == 5333:
    print(5333)
elif x == 5334:
    print(5334)
elif x == 5335:
    print(5335)
elif x == 5336:
    print(5336)
elif x == 5337:
    print(5337)
elif x == 5338:
    print(5338)
elif x == 5339:
    print(5339)
elif x == 5340:
    print(5340)
elif x == 5341:
    print(5341)
elif x == 5342:
    print(5342)
elif x == 5343:
    print(5343)
elif x == 5344:
    print(5344)
elif x == 5345:
    print(5345)
elif x == 5346:
    print(5346)
elif x == 5347:
    print(5347)
elif x == 5348:
    print(5348)
elif x == 5349:
    print(5349)
elif x == 5350:
    print(5350)
elif x == 5351:
    print(5351)
elif x == 5352:
    print(5352)
elif x == 5353:
    print(5353)
elif x == 5354:
    print(5354)
elif x == 5355:
    print(5355)
elif x == 5356:
    print(5356)
elif x == 5357:
    print(5357)
elif x == 5358:
    print(5358)
elif x == 5359:
    print(5359)
elif x == 5360:
    print(5360)
elif x == 5361:
    print(5361)
elif x == 5362:
    print(5362)
elif x == 5363:
    print(5363)
elif x == 5364:
    print(5364)
elif x == 5365:
    print(5365)
elif x == 5366:
    print(5366)
elif x == 5367:
    print(5367)
elif x == 5368:
    print(5368)
elif x == 5369:
    print(5369)
elif x == 5370:
    print(5370)
elif x == 5371:
    print(5371)
elif x == 5372:
    print(5372)
elif x == 5373:
    print(5373)
elif x == 5374:
    print(5374)
elif x == 5375:
    print(5375)
elif x == 5376:
    print(5376)
elif x == 5377:
    print(5377)
elif x == 5378:
    print(5378)
elif x == 5379:
    print(5379)
elif x == 5380:
    print(5380)
elif x == 5381:
    print(5381)
elif x == 5382:
    print(5382)
elif x == 5383:
    print(5383)
elif x == 5384:
    print(5384)
elif x == 5385:
    print(5385)
elif x == 5386:
    print(5386)
elif x == 5387:
    print(5387)
elif x == 5388:
    print(5388)
elif x == 5389:
    print(5389)
elif x == 5390:
    print(5390)
elif x == 5391:
    print(5391)
elif x == 5392:
    print(5392)
elif x == 5393:
    print(5393)
elif x == 5394:
    print(5394)
elif x == 5395:
    print(5395)
elif x == 5396:
    print(5396)
elif x == 5397:
    print(5397)
elif x == 5398:
    print(5398)
elif x == 5399:
    print(5399)
elif x == 5400:
    print(5400)
elif x == 5401:
    print(5401)
elif x == 5402:
    print(5402)
elif x == 5403:
    print(5403)
elif x == 5404:
    print(5404)
elif x == 5405:
    print(5405)
elif x == 5406:
    print(5406)
elif x == 5407:
    print(5407)
elif x == 5408:
    print(5408)
elif x == 5409:
    print(5409)
elif x == 5410:
    print(5410)
elif x == 5411:
    print(5411)
elif x == 5412:
    print(5412)
elif x == 5413:
    print(5413)
elif x == 5414:
    print(5414)
elif x == 5415:
    print(5415)
elif x == 5416:
    print(5416)
elif x == 5417:
    print(5417)
elif x == 5418:
    print(5418)
elif x == 5419:
    print(5419)
elif x == 5420:
    print(5420)
elif x == 5421:
    print(5421)
elif x == 5422:
    print(5422)
elif x == 5423:
    print(5423)
elif x == 5424:
    print(5424)
elif x == 5425:
    print(5425)
elif x == 5426:
    print(5426)
elif x == 5427:
    print(5427)
elif x == 5428:
    print(5428)
elif x == 5429:
    print(5429)
elif x == 5430:
    print(5430)
elif x == 5431:
    print(5431)
elif x == 5432:
    print(5432)
elif x == 5433:
    print(5433)
elif x == 5434:
    print(5434)
elif x == 5435:
    print(5435)
elif x == 5436:
    print(5436)
elif x == 5437:
    print(5437)
elif x == 5438:
    print(5438)
elif x == 5439:
    print(5439)
elif x == 5440:
    print(5440)
elif x == 5441:
    print(5441)
elif x == 5442:
    print(5442)
elif x == 5443:
    print(5443)
elif x == 5444:
    print(5444)
elif x == 5445:
    print(5445)
elif x == 5446:
    print(5446)
elif x == 5447:
    print(5447)
elif x == 5448:
    print(5448)
elif x == 5449:
    print(5449)
elif x == 5450:
    print(5450)
elif x == 5451:
    print(5451)
elif x == 5452:
    print(5452)
elif x == 5453:
    print(5453)
elif x == 5454:
    print(5454)
elif x == 5455:
    print(5455)
elif x == 5456:
    print(5456)
elif x == 5457:
    print(5457)
elif x == 5458:
    print(5458)
elif x == 5459:
    print(5459)
elif x == 5460:
    print(5460)
elif x == 5461:
    print(5461)
elif x == 5462:
    print(5462)
elif x == 5463:
    print(5463)
elif x == 5464:
    print(5464)
elif x == 5465:
    print(5465)
elif x == 5466:
    print(5466)
elif x == 5467:
    print(5467)
elif x == 5468:
    print(5468)
elif x == 5469:
    print(5469)
elif x == 5470:
    print(5470)
elif x == 5471:
    print(5471)
elif x == 5472:
    print(5472)
elif x == 5473:
    print(5473)
elif x == 5474:
    print(5474)
elif x == 5475:
    print(5475)
elif x == 5476:
    print(5476)
elif x == 5477:
    print(5477)
elif x == 5478:
    print(5478)
elif x == 5479:
    print(5479)
elif x == 5480:
    print(5480)
elif x == 5481:
    print(5481)
elif x == 5482:
    print(5482)
elif x == 5483:
    print(5483)
elif x == 5484:
    print(5484)
elif x == 5485:
    print(5485)
elif x == 5486:
    print(5486)
elif x == 5487:
    print(5487)
elif x == 5488:
    print(5488)
elif x == 5489:
    print(5489)
elif x == 5490:
    print(5490)
elif x == 5491:
    print(5491)
elif x == 5492:
    print(5492)
elif x == 5493:
    print(5493)
elif x == 5494:
    print(5494)
elif x == 5495:
    print(5495)
elif x == 5496:
    print(5496)
elif x == 5497:
    print(5497)
elif x == 5498:
    print(5498)
elif x == 5499:
    print(5499)
elif x == 5500:
    print(5500)
elif x == 5501:
    print(5501)
elif x == 5502:
    print(5502)
elif x == 5503:
    print(5503)
elif x == 5504:
    print(5504)
elif x == 5505:
    print(5505)
elif x == 5506:
    print(5506)
elif x == 5507:
    print(5507)
elif x == 5508:
    print(5508)
elif x == 5509:
    print(5509)
elif x == 5510:
    print(5510)
elif x == 5511:
    print(5511)
elif x == 5512:
    print(5512)
elif x == 5513:
    print(5513)
elif x == 5514:
    print(5514)
elif x == 5515:
    print(5515)
elif x == 5516:
    print(5516)
elif x == 5517:
    print(5517)
elif x == 5518:
    print(5518)
elif x == 5519:
    print(5519)
elif x == 5520:
    print(5520)
elif x == 5521:
    print(5521)
elif x == 5522:
    print(5522)
elif x == 5523:
    print(5523)
elif x == 5524:
    print(5524)
elif x == 5525:
    print(5525)
elif x == 5526:
    print(5526)
elif x == 5527:
    print(5527)
elif x == 5528:
    print(5528)
elif x == 5529:
    print(5529)
elif x == 5530:
    print(5530)
elif x == 5531:
    print(5531)
elif x == 5532:
    print(5532)
elif x == 5533:
    print(5533)
elif x == 5534:
    print(5534)
elif x == 5535:
    print(5535)
elif x == 5536:
    print(5536)
elif x == 5537:
    print(5537)
elif x == 5538:
    print(5538)
elif x == 5539:
    print(5539)
elif x == 5540:
    print(5540)
elif x == 5541:
    print(5541)
elif x == 5542:
    print(5542)
elif x == 5543:
    print(5543)
elif x == 5544:
    print(5544)
elif x == 5545:
    print(5545)
elif x == 5546:
    print(5546)
elif x == 5547:
    print(5547)
elif x == 5548:
    print(5548)
elif x == 5549:
    print(5549)
elif x == 5550:
    print(5550)
elif x == 5551:
    print(5551)
elif x == 5552:
    print(5552)
elif x == 5553:
    print(5553)
elif x == 5554:
    print(5554)
elif x == 5555:
    print(5555)
elif x == 5556:
    print(5556)
elif x == 5557:
    print(5557)
elif x == 5558:
    print(5558)
elif x == 5559:
    print(5559)
elif x == 5560:
    print(5560)
elif x == 5561:
    print(5561)
elif x == 5562:
    print(5562)
elif x == 5563:
    print(5563)
elif x == 5564:
    print(5564)
elif x == 5565:
    print(5565)
elif x == 5566:
    print(5566)
elif x == 5567:
    print(5567)
elif x == 5568:
    print(5568)
elif x == 5569:
    print(5569)
elif x == 5570:
    print(5570)
elif x == 5571:
    print(5571)
elif x == 5572:
    print(5572)
elif x == 5573:
    print(5573)
elif x == 5574:
    print(5574)
elif x == 5575:
    print(5575)
elif x == 5576:
    print(5576)
elif x == 5577:
    print(5577)
elif x == 5578:
    print(5578)
elif x == 5579:
    print(5579)
elif x == 5580:
    print(5580)
elif x == 5581:
    print(5581)
elif x == 5582:
    print(5582)
elif x == 5583:
    print(5583)
elif x == 5584:
    print(5584)
elif x == 5585:
    print(5585)
elif x == 5586:
    print(5586)
elif x == 5587:
    print(5587)
elif x == 5588:
    print(5588)
elif x == 5589:
    print(5589)
elif x == 5590:
    print(5590)
elif x == 5591:
    print(5591)
elif x == 5592:
    print(5592)
elif x == 5593:
    print(5593)
elif x == 5594:
    print(5594)
elif x == 5595:
    print(5595)
elif x == 5596:
    print(5596)
elif x == 5597:
    print(5597)
elif x == 5598:
    print(5598)
elif x == 5599:
    print(5599)
elif x == 5600:
    print(5600)
elif x == 5601:
    print(5601)
elif x == 5602:
    print(5602)
elif x == 5603:
    print(5603)
elif x == 5604:
    print(5604)
elif x == 5605:
    print(5605)
elif x == 5606:
    print(5606)
elif x == 5607:
    print(5607)
elif x == 5608:
    print(5608)
elif x == 5609:
    print(5609)
elif x == 5610:
    print(5610)
elif x == 5611:
    print(5611)
elif x == 5612:
    print(5612)
elif x == 5613:
    print(5613)
elif x == 5614:
    print(5614)
elif x == 5615:
    print(5615)
elif x == 5616:
    print(5616)
elif x == 5617:
    print(5617)
elif x == 5618:
    print(5618)
elif x == 5619:
    print(5619)
elif x == 5620:
    print(5620)
elif x == 5621:
    print(5621)
elif x == 5622:
    print(5622)
elif x == 5623:
    print(5623)
elif x == 5624:
    print(5624)
elif x == 5625:
    print(5625)
elif x == 5626:
    print(5626)
elif x == 5627:
    print(5627)
elif x == 5628:
    print(5628)
elif x == 5629:
    print(5629)
elif x == 5630:
    print(5630)
elif x == 5631:
    print(5631)
elif x == 5632:
    print(5632)
elif x == 5633:
    print(5633)
elif x == 5634:
    print(5634)
elif x == 5635:
    print(5635)
elif x == 5636:
    print(5636)
elif x == 5637:
    print(5637)
elif x == 5638:
    print(5638)
elif x == 5639:
    print(5639)
elif x == 5640:
    print(5640)
elif x == 5641:
    print(5641)
elif x == 5642:
    print(5642)
elif x == 5643:
    print(5643)
elif x == 5644:
    print(5644)
elif x == 5645:
    print(5645)
elif x == 5646:
    print(5646)
elif x == 5647:
    print(5647)
elif x == 5648:
    print(5648)
elif x == 5649:
    print(5649)
elif x == 5650:
    print(5650)
elif x == 5651:
    print(5651)
elif x == 5652:
    print(5652)
elif x == 5653:
    print(5653)
elif x == 5654:
    print(5654)
elif x == 5655:
    print(5655)
elif x == 5656:
    print(5656)
elif x == 5657:
    print(5657)
elif x == 5658:
    print(5658)
elif x == 5659:
    print(5659)
elif x == 5660:
    print(5660)
elif x == 5661:
    print(5661)
elif x == 5662:
    print(5662)
elif x == 5663:
    print(5663)
elif x == 5664:
    print(5664)
elif x == 5665:
    print(5665)
elif x == 5666:
    print(5666)
elif x == 5667:
    print(5667)
elif x == 5668:
    print(5668)
elif x == 5669:
    print(5669)
elif x == 5670:
    print(5670)
elif x == 5671:
    print(5671)
elif x == 5672:
    print(5672)
elif x == 5673:
    print(5673)
elif x == 5674:
    print(5674)
elif x == 5675:
    print(5675)
elif x == 5676:
    print(5676)
elif x == 5677:
    print(5677)
elif x == 5678:
    print(5678)
elif x == 5679:
    print(5679)
elif x == 5680:
    print(5680)
elif x == 5681:
    print(5681)
elif x == 5682:
    print(5682)
elif x == 5683:
    print(5683)
elif x == 5684:
    print(5684)
elif x == 5685:
    print(5685)
elif x == 5686:
    print(5686)
elif x == 5687:
    print(5687)
elif x == 5688:
    print(5688)
elif x == 5689:
    print(5689)
elif x == 5690:
    print(5690)
elif x == 5691:
    print(5691)
elif x == 5692:
    print(5692)
elif x == 5693:
    print(5693)
elif x == 5694:
    print(5694)
elif x == 5695:
    print(5695)
elif x == 5696:
    print(5696)
elif x == 5697:
    print(5697)
elif x == 5698:
    print(5698)
elif x == 5699:
    print(5699)
elif x == 5700:
    print(5700)
elif x == 5701:
    print(5701)
elif x == 5702:
    print(5702)
elif x == 5703:
    print(5703)
elif x == 5704:
    print(5704)
elif x == 5705:
    print(5705)
elif x == 5706:
    print(5706)
elif x == 5707:
    print(5707)
elif x == 5708:
    print(5708)
elif x == 5709:
    print(5709)
elif x == 5710:
    print(5710)
elif x == 5711:
    print(5711)
elif x == 5712:
    print(5712)
elif x == 5713:
    print(5713)
elif x == 5714:
    print(5714)
elif x == 5715:
    print(5715)
elif x == 5716:
    print(5716)
elif x == 5717:
    print(5717)
elif x == 5718:
    print(5718)
elif x == 5719:
    print(5719)
elif x == 5720:
    print(5720)
elif x == 5721:
    print(5721)
elif x == 5722:
    print(5722)
elif x == 5723:
    print(5723)
elif x == 5724:
    print(5724)
elif x == 5725:
    print(5725)
elif x == 5726:
    print(5726)
elif x == 5727:
    print(5727)
elif x == 5728:
    print(5728)
elif x == 5729:
    print(5729)
elif x == 5730:
    print(5730)
elif x == 5731:
    print(5731)
elif x == 5732:
    print(5732)
elif x == 5733:
    print(5733)
elif x == 5734:
    print(5734)
elif x == 5735:
    print(5735)
elif x == 5736:
    print(5736)
elif x == 5737:
    print(5737)
elif x == 5738:
    print(5738)
elif x == 5739:
    print(5739)
elif x == 5740:
    print(5740)
elif x == 5741:
    print(5741)
elif x == 5742:
    print(5742)
elif x == 5743:
    print(5743)
elif x == 5744:
    print(5744)
elif x == 5745:
    print(5745)
elif x == 5746:
    print(5746)
elif x == 5747:
    print(5747)
elif x == 5748:
    print(5748)
elif x == 5749:
    print(5749)
elif x == 5750:
    print(5750)
elif x == 5751:
    print(5751)
elif x == 5752:
    print(5752)
elif x == 5753:
    print(5753)
elif x == 5754:
    print(5754)
elif x == 5755:
    print(5755)
elif x == 5756:
    print(5756)
elif x == 5757:
    print(5757)
elif x == 5758:
    print(5758)
elif x == 5759:
    print(5759)
elif x == 5760:
    print(5760)
elif x == 5761:
    print(5761)
elif x == 5762:
    print(5762)
elif x == 5763:
    print(5763)
elif x == 5764:
    print(5764)
elif x == 5765:
    print(5765)
elif x == 5766:
    print(5766)
elif x == 5767:
    print(5767)
elif x == 5768:
    print(5768)
elif x == 5769:
    print(5769)
elif x == 5770:
    print(5770)
elif x == 5771:
    print(5771)
elif x == 5772:
    print(5772)
elif x == 5773:
    print(5773)
elif x == 5774:
    print(5774)
elif x == 5775:
    print(5775)
elif x == 5776:
    print(5776)
elif x == 5777:
    print(5777)
elif x == 5778:
    print(5778)
elif x == 5779:
    print(5779)
elif x == 5780:
    print(5780)
elif x == 5781:
    print(5781)
elif x == 5782:
    print(5782)
elif x == 5783:
    print(5783)
elif x == 5784:
    print(5784)
elif x == 5785:
    print(5785)
elif x == 5786:
    print(5786)
elif x == 5787:
    print(5787)
elif x == 5788:
    print(5788)
elif x == 5789:
    print(5789)
elif x == 5790:
    print(5790)
elif x == 5791:
    print(5791)
elif x == 5792:
    print(5792)
elif x == 5793:
    print(5793)
elif x == 5794:
    print(5794)
elif x == 5795:
    print(5795)
elif x == 5796:
    print(5796)
elif x == 5797:
    print(5797)
elif x == 5798:
    print(5798)
elif x == 5799:
    print(5799)
elif x == 5800:
    print(5800)
elif x == 5801:
    print(5801)
elif x == 5802:
    print(5802)
elif x == 5803:
    print(5803)
elif x == 5804:
    print(5804)
elif x == 5805:
    print(5805)
elif x == 5806:
    print(5806)
elif x == 5807:
    print(5807)
elif x == 5808:
    print(5808)
elif x == 5809:
    print(5809)
elif x == 5810:
    print(5810)
elif x == 5811:
    print(5811)
elif x == 5812:
    print(5812)
elif x == 5813:
    print(5813)
elif x == 5814:
    print(5814)
elif x == 5815:
    print(5815)
elif x == 5816:
    print(5816)
elif x == 5817:
    print(5817)
elif x == 5818:
    print(5818)
elif x == 5819:
    print(5819)
elif x == 5820:
    print(5820)
elif x == 5821:
    print(5821)
elif x == 5822:
    print(5822)
elif x == 5823:
    print(5823)
elif x == 5824:
    print(5824)
elif x == 5825:
    print(5825)
elif x == 5826:
    print(5826)
elif x == 5827:
    print(5827)
elif x == 5828:
    print(5828)
elif x == 5829:
    print(5829)
elif x == 5830:
    print(5830)
elif x == 5831:
    print(5831)
elif x == 5832:
    print(5832)
elif x == 5833:
    print(5833)
elif x == 5834:
    print(5834)
elif x == 5835:
    print(5835)
elif x == 5836:
    print(5836)
elif x == 5837:
    print(5837)
elif x == 5838:
    print(5838)
elif x == 5839:
    print(5839)
elif x == 5840:
    print(5840)
elif x == 5841:
    print(5841)
elif x == 5842:
    print(5842)
elif x == 5843:
    print(5843)
elif x == 5844:
    print(5844)
elif x == 5845:
    print(5845)
elif x == 5846:
    print(5846)
elif x == 5847:
    print(5847)
elif x == 5848:
    print(5848)
elif x == 5849:
    print(5849)
elif x == 5850:
    print(5850)
elif x == 5851:
    print(5851)
elif x == 5852:
    print(5852)
elif x == 5853:
    print(5853)
elif x == 5854:
    print(5854)
elif x == 5855:
    print(5855)
elif x == 5856:
    print(5856)
elif x == 5857:
    print(5857)
elif x == 5858:
    print(5858)
elif x == 5859:
    print(5859)
elif x == 5860:
    print(5860)
elif x == 5861:
    print(5861)
elif x == 5862:
    print(5862)
elif x == 5863:
    print(5863)
elif x == 5864:
    print(5864)
elif x == 5865:
    print(5865)
elif x == 5866:
    print(5866)
elif x == 5867:
    print(5867)
elif x == 5868:
    print(5868)
elif x == 5869:
    print(5869)
elif x == 5870:
    print(5870)
elif x == 5871:
    print(5871)
elif x == 5872:
    print(5872)
elif x == 5873:
    print(5873)
elif x == 5874:
    print(5874)
elif x == 5875:
    print(5875)
elif x == 5876:
    print(5876)
elif x == 5877:
    print(5877)
elif x == 5878:
    print(5878)
elif x == 5879:
    print(5879)
elif x == 5880:
    print(5880)
elif x == 5881:
    print(5881)
elif x == 5882:
    print(5882)
elif x == 5883:
    print(5883)
elif x == 5884:
    print(5884)
elif x == 5885:
    print(5885)
elif x == 5886:
    print(5886)
elif x == 5887:
    print(5887)
elif x == 5888:
    print(5888)
elif x == 5889:
    print(5889)
elif x == 5890:
    print(5890)
elif x == 5891:
    print(5891)
elif x == 5892:
    print(5892)
elif x == 5893:
    print(5893)
elif x == 5894:
    print(5894)
elif x == 5895:
    print(5895)
elif x == 5896:
    print(5896)
elif x == 5897:
    print(5897)
elif x == 5898:
    print(5898)
elif x == 5899:
    print(5899)
elif x == 5900:
    print(5900)
elif x == 5901:
    print(5901)
elif x == 5902:
    print(5902)
elif x == 5903:
    print(5903)
elif x == 5904:
    print(5904)
elif x == 5905:
    print(5905)
elif x == 5906:
    print(5906)
elif x == 5907:
    print(5907)
elif x == 5908:
    print(5908)
elif x == 5909:
    print(5909)
elif x == 5910:
    print(5910)
elif x == 5911:
    print(5911)
elif x == 5912:
    print(5912)
elif x == 5913:
    print(5913)
elif x == 5914:
    print(5914)
elif x == 5915:
    print(5915)
elif x == 5916:
    print(5916)
elif x == 5917:
    print(5917)
elif x == 5918:
    print(5918)
elif x == 5919:
    print(5919)
elif x == 5920:
    print(5920)
elif x == 5921:
    print(5921)
elif x == 5922:
    print(5922)
elif x == 5923:
    print(5923)
elif x == 5924:
    print(5924)
elif x == 5925:
    print(5925)
elif x == 5926:
    print(5926)
elif x == 5927:
    print(5927)
elif x == 5928:
    print(5928)
elif x == 5929:
    print(5929)
elif x == 5930:
    print(5930)
elif x == 5931:
    print(5931)
elif x == 5932:
    print(5932)
elif x == 5933:
    print(5933)
elif x == 5934:
    print(5934)
elif x == 5935:
    print(5935)
elif x == 5936:
    print(5936)
elif x == 5937:
    print(5937)
elif x == 5938:
    print(5938)
elif x == 5939:
    print(5939)
elif x == 5940:
    print(5940)
elif x == 5941:
    print(5941)
elif x == 5942:
    print(5942)
elif x == 5943:
    print(5943)
elif x == 5944:
    print(5944)
elif x == 5945:
    print(5945)
elif x == 5946:
    print(5946)
elif x == 5947:
    print(5947)
elif x == 5948:
    print(5948)
elif x == 5949:
    print(5949)
elif x == 5950:
    print(5950)
elif x == 5951:
    print(5951)
elif x == 5952:
    print(5952)
elif x == 5953:
    print(5953)
elif x == 5954:
    print(5954)
elif x == 5955:
    print(5955)
elif x == 5956:
    print(5956)
elif x == 5957:
    print(5957)
elif x == 5958:
    print(5958)
elif x == 5959:
    print(5959)
elif x == 5960:
    print(5960)
elif x == 5961:
    print(5961)
elif x == 5962:
    print(5962)
elif x == 5963:
    print(5963)
elif x == 5964:
    print(5964)
elif x == 5965:
    print(5965)
elif x == 5966:
    print(5966)
elif x == 5967:
    print(5967)
elif x == 5968:
    print(5968)
elif x == 5969:
    print(5969)
elif x == 5970:
    print(5970)
elif x == 5971:
    print(5971)
elif x == 5972:
    print(5972)
elif x == 5973:
    print(5973)
elif x == 5974:
    print(5974)
elif x == 5975:
    print(5975)
elif x == 5976:
    print(5976)
elif x == 5977:
    print(5977)
elif x == 5978:
    print(5978)
elif x == 5979:
    print(5979)
elif x == 5980:
    print(5980)
elif x == 5981:
    print(5981)
elif x == 5982:
    print(5982)
elif x == 5983:
    print(5983)
elif x == 5984:
    print(5984)
elif x == 5985:
    print(5985)
elif x == 5986:
    print(5986)
elif x == 5987:
    print(5987)
elif x == 5988:
    print(5988)
elif x == 5989:
    print(5989)
elif x == 5990:
    print(5990)
elif x == 5991:
    print(5991)
elif x == 5992:
    print(5992)
elif x == 5993:
    print(5993)
elif x == 5994:
    print(5994)
elif x == 5995:
    print(5995)
elif x == 5996:
    print(5996)
elif x == 5997:
    print(5997)
elif x == 5998:
    print(5998)
elif x == 5999:
    print(5999)
elif x == 6000:
    print(6000)
elif x == 6001:
    print(6001)
elif x == 6002:
    print(6002)
elif x == 6003:
    print(6003)
elif x == 6004:
    print(6004)
elif x == 6005:
    print(6005)
elif x == 6006:
    print(6006)
elif x == 6007:
    print(6007)
elif x == 6008:
    print(6008)
elif x == 6009:
    print(6009)
elif x == 6010:
    print(6010)
elif x == 6011:
    print(6011)
elif x == 6012:
    print(6012)
elif x == 6013:
    print(6013)
elif x == 6014:
    print(6014)
elif x == 6015:
    print(6015)
elif x == 6016:
    print(6016)
elif x == 6017:
    print(6017)
elif x == 6018:
    print(6018)
elif x == 6019:
    print(6019)
elif x == 6020:
    print(6020)
elif x == 6021:
    print(6021)
elif x == 6022:
    print(6022)
elif x == 6023:
    print(6023)
elif x == 6024:
    print(6024)
elif x == 6025:
    print(6025)
elif x == 6026:
    print(6026)
elif x == 6027:
    print(6027)
elif x == 6028:
    print(6028)
elif x == 6029:
    print(6029)
elif x == 6030:
    print(6030)
elif x == 6031:
    print(6031)
elif x == 6032:
    print(6032)
elif x == 6033:
    print(6033)
elif x == 6034:
    print(6034)
elif x == 6035:
    print(6035)
elif x == 6036:
    print(6036)
elif x == 6037:
    print(6037)
elif x == 6038:
    print(6038)
elif x == 6039:
    print(6039)
elif x == 6040:
    print(6040)
elif x == 6041:
    print(6041)
elif x == 6042:
    print(6042)
elif x == 6043:
    print(6043)
elif x == 6044:
    print(6044)
elif x == 6045:
    print(6045)
elif x == 6046:
    print(6046)
elif x == 6047:
    print(6047)
elif x == 6048:
    print(6048)
elif x == 6049:
    print(6049)
elif x == 6050:
    print(6050)
elif x == 6051:
    print(6051)
elif x == 6052:
    print(6052)
elif x == 6053:
    print(6053)
elif x == 6054:
    print(6054)
elif x == 6055:
    print(6055)
elif x == 6056:
    print(6056)
elif x == 6057:
    print(6057)
elif x == 6058:
    print(6058)
elif x == 6059:
    print(6059)
elif x == 6060:
    print(6060)
elif x == 6061:
    print(6061)
elif x == 6062:
    print(6062)
elif x == 6063:
    print(6063)
elif x == 6064:
    print(6064)
elif x == 6065:
    print(6065)
elif x == 6066:
    print(6066)
elif x == 6067:
    print(6067)
elif x == 6068:
    print(6068)
elif x == 6069:
    print(6069)
elif x == 6070:
    print(6070)
elif x == 6071:
    print(6071)
elif x == 6072:
    print(6072)
elif x == 6073:
    print(6073)
elif x == 6074:
    print(6074)
elif x == 6075:
    print(6075)
elif x == 6076:
    print(6076)
elif x == 6077:
    print(6077)
elif x == 6078:
    print(6078)
elif x == 6079:
    print(6079)
elif x == 6080:
    print(6080)
elif x == 6081:
    print(6081)
elif x == 6082:
    print(6082)
elif x == 6083:
    print(6083)
elif x == 6084:
    print(6084)
elif x == 6085:
    print(6085)
elif x == 6086:
    print(6086)
elif x == 6087:
    print(6087)
elif x == 6088:
    print(6088)
elif x == 6089:
    print(6089)
elif x == 6090:
    print(6090)
elif x == 6091:
    print(6091)
elif x == 6092:
    print(6092)
elif x == 6093:
    print(6093)
elif x == 6094:
    print(6094)
elif x == 6095:
    print(6095)
elif x == 6096:
    print(6096)
elif x == 6097:
    print(6097)
elif x == 6098:
    print(6098)
elif x == 6099:
    print(6099)
elif x == 6100:
    print(6100)
elif x == 6101:
    print(6101)
elif x == 6102:
    print(6102)
elif x == 6103:
    print(6103)
elif x == 6104:
    print(6104)
elif x == 6105:
    print(6105)
elif x == 6106:
    print(6106)
elif x == 6107:
    print(6107)
elif x == 6108:
    print(6108)
elif x == 6109:
    print(6109)
elif x == 6110:
    print(6110)
elif x == 6111:
    print(6111)
elif x == 6112:
    print(6112)
elif x == 6113:
    print(6113)
elif x == 6114:
    print(6114)
elif x == 6115:
    print(6115)
elif x == 6116:
    print(6116)
elif x == 6117:
    print(6117)
elif x == 6118:
    print(6118)
elif x == 6119:
    print(6119)
elif x == 6120:
    print(6120)
elif x == 6121:
    print(6121)
elif x == 6122:
    print(6122)
elif x == 6123:
    print(6123)
elif x == 6124:
    print(6124)
elif x == 6125:
    print(6125)
elif x == 6126:
    print(6126)
elif x == 6127:
    print(6127)
elif x == 6128:
    print(6128)
elif x == 6129:
    print(6129)
elif x == 6130:
    print(6130)
elif x == 6131:
    print(6131)
elif x == 6132:
    print(6132)
elif x == 6133:
    print(6133)
elif x == 6134:
    print(6134)
elif x == 6135:
    print(6135)
elif x == 6136:
    print(6136)
elif x == 6137:
    print(6137)
elif x == 6138:
    print(6138)
elif x == 6139:
    print(6139)
elif x == 6140:
    print(6140)
elif x == 6141:
    print(6141)
elif x == 6142:
    print(6142)
elif x == 6143:
    print(6143)
elif x == 6144:
    print(6144)
elif x == 6145:
    print(6145)
elif x == 6146:
    print(6146)
elif x == 6147:
    print(6147)
elif x == 6148:
    print(6148)
elif x == 6149:
    print(6149)
elif x == 6150:
    print(6150)
elif x == 6151:
    print(6151)
elif x == 6152:
    print(6152)
elif x == 6153:
    print(6153)
elif x == 6154:
    print(6154)
elif x == 6155:
    print(6155)
elif x == 6156:
    print(6156)
elif x == 6157:
    print(6157)
elif x == 6158:
    print(6158)
elif x == 6159:
    print(6159)
elif x == 6160:
    print(6160)
elif x == 6161:
    print(6161)
elif x == 6162:
    print(6162)
elif x == 6163:
    print(6163)
elif x == 6164:
    print(6164)
elif x == 6165:
    print(6165)
elif x == 6166:
    print(6166)
elif x == 6167:
    print(6167)
elif x == 6168:
    print(6168)
elif x == 6169:
    print(6169)
elif x == 6170:
    print(6170)
elif x == 6171:
    print(6171)
elif x == 6172:
    print(6172)
elif x == 6173:
    print(6173)
elif x == 6174:
    print(6174)
elif x == 6175:
    print(6175)
elif x == 6176:
    print(6176)
elif x == 6177:
    print(6177)
elif x == 6178:
    print(6178)
elif x == 6179:
    print(6179)
elif x == 6180:
    print(6180)
elif x == 6181:
    print(6181)
elif x == 6182:
    print(6182)
elif x == 6183:
    print(6183)
elif x == 6184:
    print(6184)
elif x == 6185:
    print(6185)
elif x == 6186:
    print(6186)
elif x == 6187:
    print(6187)
elif x == 6188:
    print(6188)
elif x == 6189:
    print(6189)
elif x == 6190:
    print(6190)
elif x == 6191:
    print(6191)
elif x == 6192:
    print(6192)
elif x == 6193:
    print(6193)
elif x == 6194:
    print(6194)
elif x == 6195:
    print(6195)
elif x == 6196:
    print(6196)
elif x == 6197:
    print(6197)
elif x == 6198:
    print(6198)
elif x == 6199:
    print(6199)
elif x == 6200:
    print(6200)
elif x == 6201:
    print(6201)
elif x == 6202:
    print(6202)
elif x == 6203:
    print(6203)
elif x == 6204:
    print(6204)
elif x == 6205:
    print(6205)
elif x == 6206:
    print(6206)
elif x == 6207:
    print(6207)
elif x == 6208:
    print(6208)
elif x == 6209:
    print(6209)
elif x == 6210:
    print(6210)
elif x == 6211:
    print(6211)
elif x == 6212:
    print(6212)
elif x == 6213:
    print(6213)
elif x == 6214:
    print(6214)
elif x == 6215:
    print(6215)
elif x == 6216:
    print(6216)
elif x == 6217:
    print(6217)
elif x == 6218:
    print(6218)
elif x == 6219:
    print(6219)
elif x == 6220:
    print(6220)
elif x == 6221:
    print(6221)
elif x == 6222:
    print(6222)
elif x == 6223:
    print(6223)
elif x == 6224:
    print(6224)
elif x == 6225:
    print(6225)
elif x == 6226:
    print(6226)
elif x == 6227:
    print(6227)
elif x == 6228:
    print(6228)
elif x == 6229:
    print(6229)
elif x == 6230:
    print(6230)
elif x == 6231:
    print(6231)
elif x == 6232:
    print(6232)
elif x == 6233:
    print(6233)
elif x == 6234:
    print(6234)
elif x == 6235:
    print(6235)
elif x == 6236:
    print(6236)
elif x == 6237:
    print(6237)
elif x == 6238:
    print(6238)
elif x == 6239:
    print(6239)
elif x == 6240:
    print(6240)
elif x == 6241:
    print(6241)
elif x == 6242:
    print(6242)
elif x == 6243:
    print(6243)
elif x == 6244:
    print(6244)
elif x == 6245:
    print(6245)
elif x == 6246:
    print(6246)
elif x == 6247:
    print(6247)
elif x == 6248:
    print(6248)
elif x == 6249:
    print(6249)
elif x == 6250:
    print(6250)
elif x == 6251:
    print(6251)
elif x == 6252:
    print(6252)
elif x == 6253:
    print(6253)
elif x == 6254:
    print(6254)
elif x == 6255:
    print(6255)
elif x == 6256:
    print(6256)
elif x == 6257:
    print(6257)
elif x == 6258:
    print(6258)
elif x == 6259:
    print(6259)
elif x == 6260:
    print(6260)
elif x == 6261:
    print(6261)
elif x == 6262:
    print(6262)
elif x == 6263:
    print(6263)
elif x == 6264:
    print(6264)
elif x == 6265:
    print(6265)
elif x == 6266:
    print(6266)
elif x == 6267:
    print(6267)
elif x == 6268:
    print(6268)
elif x == 6269:
    print(6269)
elif x == 6270:
    print(6270)
elif x == 6271:
    print(6271)
elif x == 6272:
    print(6272)
elif x == 6273:
    print(6273)
elif x == 6274:
    print(6274)
elif x == 6275:
    print(6275)
elif x == 6276:
    print(6276)
elif x == 6277:
    print(6277)
elif x == 6278:
    print(6278)
elif x == 6279:
    print(6279)
elif x == 6280:
    print(6280)
elif x == 6281:
    print(6281)
elif x == 6282:
    print(6282)
elif x == 6283:
    print(6283)
elif x == 6284:
    print(6284)
elif x == 6285:
    print(6285)
elif x == 6286:
    print(6286)
elif x == 6287:
    print(6287)
elif x == 6288:
    print(6288)
elif x == 6289:
    print(6289)
elif x == 6290:
    print(6290)
elif x == 6291:
    print(6291)
elif x == 6292:
    print(6292)
elif x == 6293:
    print(6293)
elif x == 6294:
    print(6294)
elif x == 6295:
    print(6295)
elif x == 6296:
    print(6296)
elif x == 6297:
    print(6297)
elif x == 6298:
    print(6298)
elif x == 6299:
    print(6299)
elif x == 6300:
    print(6300)
elif x == 6301:
    print(6301)
elif x == 6302:
    print(6302)
elif x == 6303:
    print(6303)
elif x == 6304:
    print(6304)
elif x == 6305:
    print(6305)
elif x == 6306:
    print(6306)
elif x == 6307:
    print(6307)
elif x == 6308:
    print(6308)
elif x == 6309:
    print(6309)
elif x == 6310:
    print(6310)
elif x == 6311:
    print(6311)
elif x == 6312:
    print(6312)
elif x == 6313:
    print(6313)
elif x == 6314:
    print(6314)
elif x == 6315:
    print(6315)
elif x == 6316:
    print(6316)
elif x == 6317:
    print(6317)
elif x == 6318:
    print(6318)
elif x == 6319:
    print(6319)
elif x == 6320:
    print(6320)
elif x == 6321:
    print(6321)
elif x == 6322:
    print(6322)
elif x == 6323:
    print(6323)
elif x == 6324:
    print(6324)
elif x == 6325:
    print(6325)
elif x == 6326:
    print(6326)
elif x == 6327:
    print(6327)
elif x == 6328:
    print(6328)
elif x == 6329:
    print(6329)
elif x == 6330:
    print(6330)
elif x == 6331:
    print(6331)
elif x == 6332:
    print(6332)
elif x == 6333:
    print(6333)
elif x == 6334:
    print(6334)
elif x == 6335:
    print(6335)
elif x == 6336:
    print(6336)
elif x == 6337:
    print(6337)
elif x == 6338:
    print(6338)
elif x == 6339:
    print(6339)
elif x == 6340:
    print(6340)
elif x == 6341:
    print(6341)
elif x == 6342:
    print(6342)
elif x == 6343:
    print(6343)
elif x == 6344:
    print(6344)
elif x == 6345:
    print(6345)
elif x == 6346:
    print(6346)
elif x == 6347:
    print(6347)
elif x == 6348:
    print(6348)
elif x == 6349:
    print(6349)
elif x == 6350:
    print(6350)
elif x == 6351:
    print(6351)
elif x == 6352:
    print(6352)
elif x == 6353:
    print(6353)
elif x == 6354:
    print(6354)
elif x == 6355:
    print(6355)
elif x == 6356:
    print(6356)
elif x == 6357:
    print(6357)
elif x == 6358:
    print(6358)
elif x == 6359:
    print(6359)
elif x == 6360:
    print(6360)
elif x == 6361:
    print(6361)
elif x == 6362:
    print(6362)
elif x == 6363:
    print(6363)
elif x == 6364:
    print(6364)
elif x == 6365:
    print(6365)
elif x == 6366:
    print(6366)
elif x == 6367:
    print(6367)
elif x == 6368:
    print(6368)
elif x == 6369:
    print(6369)
elif x == 6370:
    print(6370)
elif x == 6371:
    print(6371)
elif x == 6372:
    print(6372)
elif x == 6373:
    print(6373)
elif x == 6374:
    print(6374)
elif x == 6375:
    print(6375)
elif x == 6376:
    print(6376)
elif x == 6377:
    print(6377)
elif x == 6378:
    print(6378)
elif x == 6379:
    print(6379)
elif x == 6380:
    print(6380)
elif x == 6381:
    print(6381)
elif x == 6382:
    print(6382)
elif x == 6383:
    print(6383)
elif x == 6384:
    print(6384)
elif x == 6385:
    print(6385)
elif x == 6386:
    print(6386)
elif x == 6387:
    print(6387)
elif x == 6388:
    print(6388)
elif x == 6389:
    print(6389)
elif x == 6390:
    print(6390)
elif x == 6391:
    print(6391)
elif x == 6392:
    print(6392)
elif x == 6393:
    print(6393)
elif x == 6394:
    print(6394)
elif x == 6395:
    print(6395)
elif x == 6396:
    print(6396)
elif x == 6397:
    print(6397)
elif x == 6398:
    print(6398)
elif x == 6399:
    print(6399)
elif x == 6400:
    print(6400)
elif x == 6401:
    print(6401)
elif x == 6402:
    print(6402)
elif x == 6403:
    print(6403)
elif x == 6404:
    print(6404)
elif x == 6405:
    print(6405)
elif x == 6406:
    print(6406)
elif x == 6407:
    print(6407)
elif x == 6408:
    print(6408)
elif x == 6409:
    print(6409)
elif x == 6410:
    print(6410)
elif x == 6411:
    print(6411)
elif x == 6412:
    print(6412)
elif x == 6413:
    print(6413)
elif x == 6414:
    print(6414)
elif x == 6415:
    print(6415)
elif x == 6416:
    print(6416)
elif x == 6417:
    print(6417)
elif x == 6418:
    print(6418)
elif x == 6419:
    print(6419)
elif x == 6420:
    print(6420)
elif x == 6421:
    print(6421)
elif x == 6422:
    print(6422)
elif x == 6423:
    print(6423)
elif x == 6424:
    print(6424)
elif x == 6425:
    print(6425)
elif x == 6426:
    print(6426)
elif x == 6427:
    print(6427)
elif x == 6428:
    print(6428)
elif x == 6429:
    print(6429)
elif x == 6430:
    print(6430)
elif x == 6431:
    print(6431)
elif x == 6432:
    print(6432)
elif x == 6433:
    print(6433)
elif x == 6434:
    print(6434)
elif x == 6435:
    print(6435)
elif x == 6436:
    print(6436)
elif x == 6437:
    print(6437)
elif x == 6438:
    print(6438)
elif x == 6439:
    print(6439)
elif x == 6440:
    print(6440)
elif x == 6441:
    print(6441)
elif x == 6442:
    print(6442)
elif x == 6443:
    print(6443)
elif x == 6444:
    print(6444)
elif x == 6445:
    print(6445)
elif x == 6446:
    print(6446)
elif x == 6447:
    print(6447)
elif x == 6448:
    print(6448)
elif x == 6449:
    print(6449)
elif x == 6450:
    print(6450)
elif x == 6451:
    print(6451)
elif x == 6452:
    print(6452)
elif x == 6453:
    print(6453)
elif x == 6454:
    print(6454)
elif x == 6455:
    print(6455)
elif x == 6456:
    print(6456)
elif x == 6457:
    print(6457)
elif x == 6458:
    print(6458)
elif x == 6459:
    print(6459)
elif x == 6460:
    print(6460)
elif x == 6461:
    print(6461)
elif x == 6462:
    print(6462)
elif x == 6463:
    print(6463)
elif x == 6464:
    print(6464)
elif x == 6465:
    print(6465)
elif x == 6466:
    print(6466)
elif x == 6467:
    print(6467)
elif x == 6468:
    print(6468)
elif x == 6469:
    print(6469)
elif x == 6470:
    print(6470)
elif x == 6471:
    print(6471)
elif x == 6472:
    print(6472)
elif x == 6473:
    print(6473)
elif x == 6474:
    print(6474)
elif x == 6475:
    print(6475)
elif x == 6476:
    print(6476)
elif x == 6477:
    print(6477)
elif x == 6478:
    print(6478)
elif x == 6479:
    print(6479)
elif x == 6480:
    print(6480)
elif x == 6481:
    print(6481)
elif x == 6482:
    print(6482)
elif x == 6483:
    print(6483)
elif x == 6484:
    print(6484)
elif x == 6485:
    print(6485)
elif x == 6486:
    print(6486)
elif x == 6487:
    print(6487)
elif x == 6488:
    print(6488)
elif x == 6489:
    print(6489)
elif x == 6490:
    print(6490)
elif x == 6491:
    print(6491)
elif x == 6492:
    print(6492)
elif x == 6493:
    print(6493)
elif x == 6494:
    print(6494)
elif x == 6495:
    print(6495)
elif x == 6496:
    print(6496)
elif x == 6497:
    print(6497)
elif x == 6498:
    print(6498)
elif x == 6499:
    print(6499)
elif x == 6500:
    print(6500)
elif x == 6501:
    print(6501)
elif x == 6502:
    print(6502)
elif x == 6503:
    print(6503)
elif x == 6504:
    print(6504)
elif x == 6505:
    print(6505)
elif x == 6506:
    print(6506)
elif x == 6507:
    print(6507)
elif x == 6508:
    print(6508)
elif x == 6509:
    print(6509)
elif x == 6510:
    print(6510)
elif x == 6511:
    print(6511)
elif x == 6512:
    print(6512)
elif x == 6513:
    print(6513)
elif x == 6514:
    print(6514)
elif x == 6515:
    print(6515)
elif x == 6516:
    print(6516)
elif x == 6517:
    print(6517)
elif x == 6518:
    print(6518)
elif x == 6519:
    print(6519)
elif x == 6520:
    print(6520)
elif x == 6521:
    print(6521)
elif x == 6522:
    print(6522)
elif x == 6523:
    print(6523)
elif x == 6524:
    print(6524)
elif x == 6525:
    print(6525)
elif x == 6526:
    print(6526)
elif x == 6527:
    print(6527)
elif x == 6528:
    print(6528)
elif x == 6529:
    print(6529)
elif x == 6530:
    print(6530)
elif x == 6531:
    print(6531)
elif x == 6532:
    print(6532)
elif x == 6533:
    print(6533)
elif x == 6534:
    print(6534)
elif x == 6535:
    print(6535)
elif x == 6536:
    print(6536)
elif x == 6537:
    print(6537)
elif x == 6538:
    print(6538)
elif x == 6539:
    print(6539)
elif x == 6540:
    print(6540)
elif x == 6541:
    print(6541)
elif x == 6542:
    print(6542)
elif x == 6543:
    print(6543)
elif x == 6544:
    print(6544)
elif x == 6545:
    print(6545)
elif x == 6546:
    print(6546)
elif x == 6547:
    print(6547)
elif x == 6548:
    print(6548)
elif x == 6549:
    print(6549)
elif x == 6550:
    print(6550)
elif x == 6551:
    print(6551)
elif x == 6552:
    print(6552)
elif x == 6553:
    print(6553)
elif x == 6554:
    print(6554)
elif x == 6555:
    print(6555)
elif x == 6556:
    print(6556)
elif x == 6557:
    print(6557)
elif x == 6558:
    print(6558)
elif x == 6559:
    print(6559)
elif x == 6560:
    print(6560)
elif x == 6561:
    print(6561)
elif x == 6562:
    print(6562)
elif x == 6563:
    print(6563)
elif x == 6564:
    print(6564)
elif x == 6565:
    print(6565)
elif x == 6566:
    print(6566)
elif x == 6567:
    print(6567)
elif x == 6568:
    print(6568)
elif x == 6569:
    print(6569)
elif x == 6570:
    print(6570)
elif x == 6571:
    print(6571)
elif x == 6572:
    print(6572)
elif x == 6573:
    print(6573)
elif x == 6574:
    print(6574)
elif x == 6575:
    print(6575)
elif x == 6576:
    print(6576)
elif x == 6577:
    print(6577)
elif x == 6578:
    print(6578)
elif x == 6579:
    print(6579)
elif x == 6580:
    print(6580)
elif x == 6581:
    print(6581)
elif x == 6582:
    print(6582)
elif x == 6583:
    print(6583)
elif x == 6584:
    print(6584)
elif x == 6585:
    print(6585)
elif x == 6586:
    print(6586)
elif x == 6587:
    print(6587)
elif x == 6588:
    print(6588)
elif x == 6589:
    print(6589)
elif x == 6590:
    print(6590)
elif x == 6591:
    print(6591)
elif x == 6592:
    print(6592)
elif x == 6593:
    print(6593)
elif x == 6594:
    print(6594)
elif x == 6595:
    print(6595)
elif x == 6596:
    print(6596)
elif x == 6597:
    print(6597)
elif x == 6598:
    print(6598)
elif x == 6599:
    print(6599)
elif x == 6600:
    print(6600)
elif x == 6601:
    print(6601)
elif x == 6602:
    print(6602)
elif x == 6603:
    print(6603)
elif x == 6604:
    print(6604)
elif x == 6605:
    print(6605)
elif x == 6606:
    print(6606)
elif x == 6607:
    print(6607)
elif x == 6608:
    print(6608)
elif x == 6609:
    print(6609)
elif x == 6610:
    print(6610)
elif x == 6611:
    print(6611)
elif x == 6612:
    print(6612)
elif x == 6613:
    print(6613)
elif x == 6614:
    print(6614)
elif x == 6615:
    print(6615)
elif x == 6616:
    print(6616)
elif x == 6617:
    print(6617)
elif x == 6618:
    print(6618)
elif x == 6619:
    print(6619)
elif x == 6620:
    print(6620)
elif x == 6621:
    print(6621)
elif x == 6622:
    print(6622)
elif x == 6623:
    print(6623)
elif x == 6624:
    print(6624)
elif x == 6625:
    print(6625)
elif x == 6626:
    print(6626)
elif x == 6627:
    print(6627)
elif x == 6628:
    print(6628)
elif x == 6629:
    print(6629)
elif x == 6630:
    print(6630)
elif x == 6631:
    print(6631)
elif x == 6632:
    print(6632)
elif x == 6633:
    print(6633)
elif x == 6634:
    print(6634)
elif x == 6635:
    print(6635)
elif x == 6636:
    print(6636)
elif x == 6637:
    print(6637)
elif x == 6638:
    print(6638)
elif x == 6639:
    print(6639)
elif x == 6640:
    print(6640)
elif x == 6641:
    print(6641)
elif x == 6642:
    print(6642)
elif x == 6643:
    print(6643)
elif x == 6644:
    print(6644)
elif x == 6645:
    print(6645)
elif x == 6646:
    print(6646)
elif x == 6647:
    print(6647)
elif x == 6648:
    print(6648)
elif x == 6649:
    print(6649)
elif x == 6650:
    print(6650)
elif x == 6651:
    print(6651)
elif x == 6652:
    print(6652)
elif x == 6653:
    print(6653)
elif x == 6654:
    print(6654)
elif x == 6655:
    print(6655)
elif x == 6656:
    print(6656)
elif x == 6657:
    print(6657)
elif x == 6658:
    print(6658)
elif x == 6659:
    print(6659)
elif x == 6660:
    print(6660)
elif x == 6661:
    print(6661)
elif x == 6662:
    print(6662)
elif x == 6663:
    print(6663)
elif x == 6664:
    print(6664)
elif x == 6665:
    print(6665)
elif x == 6666:
    print(6666)
elif x == 6667:
    print(6667)
elif x == 6668:
    print(6668)
elif x == 6669:
    print(6669)
elif x == 6670:
    print(6670)
elif x == 6671:
    print(6671)
elif x == 6672:
    print(6672)
elif x == 6673:
    print(6673)
elif x == 6674:
    print(6674)
elif x == 6675:
    print(6675)
elif x == 6676:
    print(6676)
elif x == 6677:
    print(6677)
elif x == 6678:
    print(6678)
elif x == 6679:
    print(6679)
elif x == 6680:
    print(6680)
elif x == 6681:
    print(6681)
elif x == 6682:
    print(6682)
elif x == 6683:
    print(6683)
elif x == 6684:
    print(6684)
elif x == 6685:
    print(6685)
elif x == 6686:
    print(6686)
elif x == 6687:
    print(6687)
elif x == 6688:
    print(6688)
elif x == 6689:
    print(6689)
elif x == 6690:
    print(6690)
elif x == 6691:
    print(6691)
elif x == 6692:
    print(6692)
elif x == 6693:
    print(6693)
elif x == 6694:
    print(6694)
elif x == 6695:
    print(6695)
elif x == 6696:
    print(6696)
elif x == 6697:
    print(6697)
elif x == 6698:
    print(6698)
elif x == 6699:
    print(6699)
elif x == 6700:
    print(6700)
elif x == 6701:
    print(6701)
elif x == 6702:
    print(6702)
elif x == 6703:
    print(6703)
elif x == 6704:
    print(6704)
elif x == 6705:
    print(6705)
elif x == 6706:
    print(6706)
elif x == 6707:
    print(6707)
elif x == 6708:
    print(6708)
elif x == 6709:
    print(6709)
elif x == 6710:
    print(6710)
elif x == 6711:
    print(6711)
elif x == 6712:
    print(6712)
elif x == 6713:
    print(6713)
elif x == 6714:
    print(6714)
elif x == 6715:
    print(6715)
elif x == 6716:
    print(6716)
elif x == 6717:
    print(6717)
elif x == 6718:
    print(6718)
elif x == 6719:
    print(6719)
elif x == 6720:
    print(6720)
elif x == 6721:
    print(6721)
elif x == 6722:
    print(6722)
elif x == 6723:
    print(6723)
elif x == 6724:
    print(6724)
elif x == 6725:
    print(6725)
elif x == 6726:
    print(6726)
elif x == 6727:
    print(6727)
elif x == 6728:
    print(6728)
elif x == 6729:
    print(6729)
elif x == 6730:
    print(6730)
elif x == 6731:
    print(6731)
elif x == 6732:
    print(6732)
elif x == 6733:
    print(6733)
elif x == 6734:
    print(6734)
elif x == 6735:
    print(6735)
elif x == 6736:
    print(6736)
elif x == 6737:
    print(6737)
elif x == 6738:
    print(6738)
elif x == 6739:
    print(6739)
elif x == 6740:
    print(6740)
elif x == 6741:
    print(6741)
elif x == 6742:
    print(6742)
elif x == 6743:
    print(6743)
elif x == 6744:
    print(6744)
elif x == 6745:
    print(6745)
elif x == 6746:
    print(6746)
elif x == 6747:
    print(6747)
elif x == 6748:
    print(6748)
elif x == 6749:
    print(6749)
elif x == 6750:
    print(6750)
elif x == 6751:
    print(6751)
elif x == 6752:
    print(6752)
elif x == 6753:
    print(6753)
elif x == 6754:
    print(6754)
elif x == 6755:
    print(6755)
elif x == 6756:
    print(6756)
elif x == 6757:
    print(6757)
elif x == 6758:
    print(6758)
elif x == 6759:
    print(6759)
elif x == 6760:
    print(6760)
elif x == 6761:
    print(6761)
elif x == 6762:
    print(6762)
elif x == 6763:
    print(6763)
elif x == 6764:
    print(6764)
elif x == 6765:
    print(6765)
elif x == 6766:
    print(6766)
elif x == 6767:
    print(6767)
elif x == 6768:
    print(6768)
elif x == 6769:
    print(6769)
elif x == 6770:
    print(6770)
elif x == 6771:
    print(6771)
elif x == 6772:
    print(6772)
elif x == 6773:
    print(6773)
elif x == 6774:
    print(6774)
elif x == 6775:
    print(6775)
elif x == 6776:
    print(6776)
elif x == 6777:
    print(6777)
elif x == 6778:
    print(6778)
elif x == 6779:
    print(6779)
elif x == 6780:
    print(6780)
elif x == 6781:
    print(6781)
elif x == 6782:
    print(6782)
elif x == 6783:
    print(6783)
elif x == 6784:
    print(6784)
elif x == 6785:
    print(6785)
elif x == 6786:
    print(6786)
elif x == 6787:
    print(6787)
elif x == 6788:
    print(6788)
elif x == 6789:
    print(6789)
elif x == 6790:
    print(6790)
elif x == 6791:
    print(6791)
elif x == 6792:
    print(6792)
elif x == 6793:
    print(6793)
elif x == 6794:
    print(6794)
elif x == 6795:
    print(6795)
elif x == 6796:
    print(6796)
elif x == 6797:
    print(6797)
elif x == 6798:
    print(6798)
elif x == 6799:
    print(6799)
elif x == 6800:
    print(6800)
elif x == 6801:
    print(6801)
elif x == 6802:
    print(6802)
elif x == 6803:
    print(6803)
elif x == 6804:
    print(6804)
elif x == 6805:
    print(6805)
elif x == 6806:
    print(6806)
elif x == 6807:
    print(6807)
elif x == 6808:
    print(6808)
elif x == 6809:
    print(6809)
elif x == 6810:
    print(6810)
elif x == 6811:
    print(6811)
elif x == 6812:
    print(6812)
elif x == 6813:
    print(6813)
elif x == 6814:
    print(6814)
elif x == 6815:
    print(6815)
elif x == 6816:
    print(6816)
elif x == 6817:
    print(6817)
elif x == 6818:
    print(6818)
elif x == 6819:
    print(6819)
elif x == 6820:
    print(6820)
elif x == 6821:
    print(6821)
elif x == 6822:
    print(6822)
elif x == 6823:
    print(6823)
elif x == 6824:
    print(6824)
elif x == 6825:
    print(6825)
elif x == 6826:
    print(6826)
elif x == 6827:
    print(6827)
elif x == 6828:
    print(6828)
elif x == 6829:
    print(6829)
elif x == 6830:
    print(6830)
elif x == 6831:
    print(6831)
elif x == 6832:
    print(6832)
elif x == 6833:
    print(6833)
elif x == 6834:
    print(6834)
elif x == 6835:
    print(6835)
elif x == 6836:
    print(6836)
elif x == 6837:
    print(6837)
elif x == 6838:
    print(6838)
elif x == 6839:
    print(6839)
elif x == 6840:
    print(6840)
elif x == 6841:
    print(6841)
elif x == 6842:
    print(6842)
elif x == 6843:
    print(6843)
elif x == 6844:
    print(6844)
elif x == 6845:
    print(6845)
elif x == 6846:
    print(6846)
elif x == 6847:
    print(6847)
elif x == 6848:
    print(6848)
elif x == 6849:
    print(6849)
elif x == 6850:
    print(6850)
elif x == 6851:
    print(6851)
elif x == 6852:
    print(6852)
elif x == 6853:
    print(6853)
elif x == 6854:
    print(6854)
elif x == 6855:
    print(6855)
elif x == 6856:
    print(6856)
elif x == 6857:
    print(6857)
elif x == 6858:
    print(6858)
elif x == 6859:
    print(6859)
elif x == 6860:
    print(6860)
elif x == 6861:
    print(6861)
elif x == 6862:
    print(6862)
elif x == 6863:
    print(6863)
elif x == 6864:
    print(6864)
elif x == 6865:
    print(6865)
elif x == 6866:
    print(6866)
elif x == 6867:
    print(6867)
elif x == 6868:
    print(6868)
elif x == 6869:
    print(6869)
elif x == 6870:
    print(6870)
elif x == 6871:
    print(6871)
elif x == 6872:
    print(6872)
elif x == 6873:
    print(6873)
elif x == 6874:
    print(6874)
elif x == 6875:
    print(6875)
elif x == 6876:
    print(6876)
elif x == 6877:
    print(6877)
elif x == 6878:
    print(6878)
elif x == 6879:
    print(6879)
elif x == 6880:
    print(6880)
elif x == 6881:
    print(6881)
elif x == 6882:
    print(6882)
elif x == 6883:
    print(6883)
elif x == 6884:
    print(6884)
elif x == 6885:
    print(6885)
elif x == 6886:
    print(6886)
elif x == 6887:
    print(6887)
elif x == 6888:
    print(6888)
elif x == 6889:
    print(6889)
elif x == 6890:
    print(6890)
elif x == 6891:
    print(6891)
elif x == 6892:
    print(6892)
elif x == 6893:
    print(6893)
elif x == 6894:
    print(6894)
elif x == 6895:
    print(6895)
elif x == 6896:
    print(6896)
elif x == 6897:
    print(6897)
elif x == 6898:
    print(6898)
elif x == 6899:
    print(6899)
elif x == 6900:
    print(6900)
elif x == 6901:
    print(6901)
elif x == 6902:
    print(6902)
elif x == 6903:
    print(6903)
elif x == 6904:
    print(6904)
elif x == 6905:
    print(6905)
elif x == 6906:
    print(6906)
elif x == 6907:
    print(6907)
elif x == 6908:
    print(6908)
elif x == 6909:
    print(6909)
elif x == 6910:
    print(6910)
elif x == 6911:
    print(6911)
elif x == 6912:
    print(6912)
elif x == 6913:
    print(6913)
elif x == 6914:
    print(6914)
elif x == 6915:
    print(6915)
elif x == 6916:
    print(6916)
elif x == 6917:
    print(6917)
elif x == 6918:
    print(6918)
elif x == 6919:
    print(6919)
elif x == 6920:
    print(6920)
elif x == 6921:
    print(6921)
elif x == 6922:
    print(6922)
elif x == 6923:
    print(6923)
elif x == 6924:
    print(6924)
elif x == 6925:
    print(6925)
elif x == 6926:
    print(6926)
elif x == 6927:
    print(6927)
elif x == 6928:
    print(6928)
elif x == 6929:
    print(6929)
elif x == 6930:
    print(6930)
elif x == 6931:
    print(6931)
elif x == 6932:
    print(6932)
elif x == 6933:
    print(6933)
elif x == 6934:
    print(6934)
elif x == 6935:
    print(6935)
elif x == 6936:
    print(6936)
elif x == 6937:
    print(6937)
elif x == 6938:
    print(6938)
elif x == 6939:
    print(6939)
elif x == 6940:
    print(6940)
elif x == 6941:
    print(6941)
elif x == 6942:
    print(6942)
elif x == 6943:
    print(6943)
elif x == 6944:
    print(6944)
elif x == 6945:
    print(6945)
elif x == 6946:
    print(6946)
elif x == 6947:
    print(6947)
elif x == 6948:
    print(6948)
elif x == 6949:
    print(6949)
elif x == 6950:
    print(6950)
elif x == 6951:
    print(6951)
elif x == 6952:
    print(6952)
elif x == 6953:
    print(6953)
elif x == 6954:
    print(6954)
elif x == 6955:
    print(6955)
elif x == 6956:
    print(6956)
elif x == 6957:
    print(6957)
elif x == 6958:
    print(6958)
elif x == 6959:
    print(6959)
elif x == 6960:
    print(6960)
elif x == 6961:
    print(6961)
elif x == 6962:
    print(6962)
elif x == 6963:
    print(6963)
elif x == 6964:
    print(6964)
elif x == 6965:
    print(6965)
elif x == 6966:
    print(6966)
elif x == 6967:
    print(6967)
elif x == 6968:
    print(6968)
elif x == 6969:
    print(6969)
elif x == 6970:
    print(6970)
elif x == 6971:
    print(6971)
elif x == 6972:
    print(6972)
elif x == 6973:
    print(6973)
elif x == 6974:
    print(6974)
elif x == 6975:
    print(6975)
elif x == 6976:
    print(6976)
elif x == 6977:
    print(6977)
elif x == 6978:
    print(6978)
elif x == 6979:
    print(6979)
elif x == 6980:
    print(6980)
elif x == 6981:
    print(6981)
elif x == 6982:
    print(6982)
elif x == 6983:
    print(6983)
elif x == 6984:
    print(6984)
elif x == 6985:
    print(6985)
elif x == 6986:
    print(6986)
elif x == 6987:
    print(6987)
elif x == 6988:
    print(6988)
elif x == 6989:
    print(6989)
elif x == 6990:
    print(6990)
elif x == 6991:
    print(6991)
elif x == 6992:
    print(6992)
elif x == 6993:
    print(6993)
elif x == 6994:
    print(6994)
elif x == 6995:
    print(6995)
elif x == 6996:
    print(6996)
elif x == 6997:
    print(6997)
elif x == 6998:
    print(6998)
elif x == 6999:
    print(6999)
elif x == 7000:
    print(7000)
elif x == 7001:
    print(7001)
elif x == 7002:
    print(7002)
elif x == 7003:
    print(7003)
elif x == 7004:
    print(7004)
elif x == 7005:
    print(7005)
elif x == 7006:
    print(7006)
elif x == 7007:
    print(7007)
elif x == 7008:
    print(7008)
elif x == 7009:
    print(7009)
elif x == 7010:
    print(7010)
elif x == 7011:
    print(7011)
elif x == 7012:
    print(7012)
elif x == 7013:
    print(7013)
elif x == 7014:
    print(7014)
elif x == 7015:
    print(7015)
elif x == 7016:
    print(7016)
elif x == 7017:
    print(7017)
elif x == 7018:
    print(7018)
elif x == 7019:
    print(7019)
elif x == 7020:
    print(7020)
elif x == 7021:
    print(7021)
elif x == 7022:
    print(7022)
elif x == 7023:
    print(7023)
elif x == 7024:
    print(7024)
elif x == 7025:
    print(7025)
elif x == 7026:
    print(7026)
elif x == 7027:
    print(7027)
elif x == 7028:
    print(7028)
elif x == 7029:
    print(7029)
elif x == 7030:
    print(7030)
elif x == 7031:
    print(7031)
elif x == 7032:
    print(7032)
elif x == 7033:
    print(7033)
elif x == 7034:
    print(7034)
elif x == 7035:
    print(7035)
elif x == 7036:
    print(7036)
elif x == 7037:
    print(7037)
elif x == 7038:
    print(7038)
elif x == 7039:
    print(7039)
elif x == 7040:
    print(7040)
elif x == 7041:
    print(7041)
elif x == 7042:
    print(7042)
elif x == 7043:
    print(7043)
elif x == 7044:
    print(7044)
elif x == 7045:
    print(7045)
elif x == 7046:
    print(7046)
elif x == 7047:
    print(7047)
elif x == 7048:
    print(7048)
elif x == 7049:
    print(7049)
elif x == 7050:
    print(7050)
elif x == 7051:
    print(7051)
elif x == 7052:
    print(7052)
elif x == 7053:
    print(7053)
elif x == 7054:
    print(7054)
elif x == 7055:
    print(7055)
elif x == 7056:
    print(7056)
elif x == 7057:
    print(7057)
elif x == 7058:
    print(7058)
elif x == 7059:
    print(7059)
elif x == 7060:
    print(7060)
elif x == 7061:
    print(7061)
elif x == 7062:
    print(7062)
elif x == 7063:
    print(7063)
elif x == 7064:
    print(7064)
elif x == 7065:
    print(7065)
elif x == 7066:
    print(7066)
elif x == 7067:
    print(7067)
elif x == 7068:
    print(7068)
elif x == 7069:
    print(7069)
elif x == 7070:
    print(7070)
elif x == 7071:
    print(7071)
elif x == 7072:
    print(7072)
elif x == 7073:
    print(7073)
elif x == 7074:
    print(7074)
elif x == 7075:
    print(7075)
elif x == 7076:
    print(7076)
elif x == 7077:
    print(7077)
elif x == 7078:
    print(7078)
elif x == 7079:
    print(7079)
elif x == 7080:
    print(7080)
elif x == 7081:
    print(7081)
elif x == 7082:
    print(7082)
elif x == 7083:
    print(7083)
elif x == 7084:
    print(7084)
elif x == 7085:
    print(7085)
elif x == 7086:
    print(7086)
elif x == 7087:
    print(7087)
elif x == 7088:
    print(7088)
elif x == 7089:
    print(7089)
elif x == 7090:
    print(7090)
elif x == 7091:
    print(7091)
elif x == 7092:
    print(7092)
elif x == 7093:
    print(7093)
elif x == 7094:
    print(7094)
elif x == 7095:
    print(7095)
elif x == 7096:
    print(7096)
elif x == 7097:
    print(7097)
elif x == 7098:
    print(7098)
elif x == 7099:
    print(7099)
elif x == 7100:
    print(7100)
elif x == 7101:
    print(7101)
elif x == 7102:
    print(7102)
elif x == 7103:
    print(7103)
elif x == 7104:
    print(7104)
elif x == 7105:
    print(7105)
elif x == 7106:
    print(7106)
elif x == 7107:
    print(7107)
elif x == 7108:
    print(7108)
elif x == 7109:
    print(7109)
elif x == 7110:
    print(7110)
elif x == 7111:
    print(7111)
elif x == 7112:
    print(7112)
elif x == 7113:
    print(7113)
elif x == 7114:
    print(7114)
elif x == 7115:
    print(7115)
elif x == 7116:
    print(7116)
elif x == 7117:
    print(7117)
elif x == 7118:
    print(7118)
elif x == 7119:
    print(7119)
elif x == 7120:
    print(7120)
elif x == 7121:
    print(7121)
elif x == 7122:
    print(7122)
elif x == 7123:
    print(7123)
elif x == 7124:
    print(7124)
elif x == 7125:
    print(7125)
elif x == 7126:
    print(7126)
elif x == 7127:
    print(7127)
elif x == 7128:
    print(7128)
elif x == 7129:
    print(7129)
elif x == 7130:
    print(7130)
elif x == 7131:
    print(7131)
elif x == 7132:
    print(7132)
elif x == 7133:
    print(7133)
elif x == 7134:
    print(7134)
elif x == 7135:
    print(7135)
elif x == 7136:
    print(7136)
elif x == 7137:
    print(7137)
elif x == 7138:
    print(7138)
elif x == 7139:
    print(7139)
elif x == 7140:
    print(7140)
elif x == 7141:
    print(7141)
elif x == 7142:
    print(7142)
elif x == 7143:
    print(7143)
elif x == 7144:
    print(7144)
elif x == 7145:
    print(7145)
elif x == 7146:
    print(7146)
elif x == 7147:
    print(7147)
elif x == 7148:
    print(7148)
elif x == 7149:
    print(7149)
elif x == 7150:
    print(7150)
elif x == 7151:
    print(7151)
elif x == 7152:
    print(7152)
elif x == 7153:
    print(7153)
elif x == 7154:
    print(7154)
elif x == 7155:
    print(7155)
elif x == 7156:
    print(7156)
elif x == 7157:
    print(7157)
elif x == 7158:
    print(7158)
elif x == 7159:
    print(7159)
elif x == 7160:
    print(7160)
elif x == 7161:
    print(7161)
elif x == 7162:
    print(7162)
elif x == 7163:
    print(7163)
elif x == 7164:
    print(7164)
elif x == 7165:
    print(7165)
elif x == 7166:
    print(7166)
elif x == 7167:
    print(7167)
elif x == 7168:
    print(7168)
elif x == 7169:
    print(7169)
elif x == 7170:
    print(7170)
elif x == 7171:
    print(7171)
elif x == 7172:
    print(7172)
elif x == 7173:
    print(7173)
elif x == 7174:
    print(7174)
elif x == 7175:
    print(7175)
elif x == 7176:
    print(7176)
elif x == 7177:
    print(7177)
elif x == 7178:
    print(7178)
elif x == 7179:
    print(7179)
elif x == 7180:
    print(7180)
elif x == 7181:
    print(7181)
elif x == 7182:
    print(7182)
elif x == 7183:
    print(7183)
elif x == 7184:
    print(7184)
elif x == 7185:
    print(7185)
elif x == 7186:
    print(7186)
elif x == 7187:
    print(7187)
elif x == 7188:
    print(7188)
elif x == 7189:
    print(7189)
elif x == 7190:
    print(7190)
elif x == 7191:
    print(7191)
elif x == 7192:
    print(7192)
elif x == 7193:
    print(7193)
elif x == 7194:
    print(7194)
elif x == 7195:
    print(7195)
elif x == 7196:
    print(7196)
elif x == 7197:
    print(7197)
elif x == 7198:
    print(7198)
elif x == 7199:
    print(7199)
elif x == 7200:
    print(7200)
elif x == 7201:
    print(7201)
elif x == 7202:
    print(7202)
elif x == 7203:
    print(7203)
elif x == 7204:
    print(7204)
elif x == 7205:
    print(7205)
elif x == 7206:
    print(7206)
elif x == 7207:
    print(7207)
elif x == 7208:
    print(7208)
elif x == 7209:
    print(7209)
elif x == 7210:
    print(7210)
elif x == 7211:
    print(7211)
elif x == 7212:
    print(7212)
elif x == 7213:
    print(7213)
elif x == 7214:
    print(7214)
elif x == 7215:
    print(7215)
elif x == 7216:
    print(7216)
elif x == 7217:
    print(7217)
elif x == 7218:
    print(7218)
elif x == 7219:
    print(7219)
elif x == 7220:
    print(7220)
elif x == 7221:
    print(7221)
elif x == 7222:
    print(7222)
elif x == 7223:
    print(7223)
elif x == 7224:
    print(7224)
elif x == 7225:
    print(7225)
elif x == 7226:
    print(7226)
elif x == 7227:
    print(7227)
elif x == 7228:
    print(7228)
elif x == 7229:
    print(7229)
elif x == 7230:
    print(7230)
elif x == 7231:
    print(7231)
elif x == 7232:
    print(7232)
elif x == 7233:
    print(7233)
elif x == 7234:
    print(7234)
elif x == 7235:
    print(7235)
elif x == 7236:
    print(7236)
elif x == 7237:
    print(7237)
elif x == 7238:
    print(7238)
elif x == 7239:
    print(7239)
elif x == 7240:
    print(7240)
elif x == 7241:
    print(7241)
elif x == 7242:
    print(7242)
elif x == 7243:
    print(7243)
elif x == 7244:
    print(7244)
elif x == 7245:
    print(7245)
elif x == 7246:
    print(7246)
elif x == 7247:
    print(7247)
elif x == 7248:
    print(7248)
elif x == 7249:
    print(7249)
elif x == 7250:
    print(7250)
elif x == 7251:
    print(7251)
elif x == 7252:
    print(7252)
elif x == 7253:
    print(7253)
elif x == 7254:
    print(7254)
elif x == 7255:
    print(7255)
elif x == 7256:
    print(7256)
elif x == 7257:
    print(7257)
elif x == 7258:
    print(7258)
elif x == 7259:
    print(7259)
elif x == 7260:
    print(7260)
elif x == 7261:
    print(7261)
elif x == 7262:
    print(7262)
elif x == 7263:
    print(7263)
elif x == 7264:
    print(7264)
elif x == 7265:
    print(7265)
elif x == 7266:
    print(7266)
elif x == 7267:
    print(7267)
elif x == 7268:
    print(7268)
elif x == 7269:
    print(7269)
elif x == 7270:
    print(7270)
elif x == 7271:
    print(7271)
elif x == 7272:
    print(7272)
elif x == 7273:
    print(7273)
elif x == 7274:
    print(7274)
elif x == 7275:
    print(7275)
elif x == 7276:
    print(7276)
elif x == 7277:
    print(7277)
elif x == 7278:
    print(7278)
elif x == 7279:
    print(7279)
elif x == 7280:
    print(7280)
elif x == 7281:
    print(7281)
elif x == 7282:
    print(7282)
elif x == 7283:
    print(7283)
elif x == 7284:
    print(7284)
elif x == 7285:
    print(7285)
elif x == 7286:
    print(7286)
elif x == 7287:
    print(7287)
elif x == 7288:
    print(7288)
elif x == 7289:
    print(7289)
elif x == 7290:
    print(7290)
elif x == 7291:
    print(7291)
elif x == 7292:
    print(7292)
elif x == 7293:
    print(7293)
elif x == 7294:
    print(7294)
elif x == 7295:
    print(7295)
elif x == 7296:
    print(7296)
elif x == 7297:
    print(7297)
elif x == 7298:
    print(7298)
elif x == 7299:
    print(7299)
elif x == 7300:
    print(7300)
elif x == 7301:
    print(7301)
elif x == 7302:
    print(7302)
elif x == 7303:
    print(7303)
elif x == 7304:
    print(7304)
elif x == 7305:
    print(7305)
elif x == 7306:
    print(7306)
elif x == 7307:
    print(7307)
elif x == 7308:
    print(7308)
elif x == 7309:
    print(7309)
elif x == 7310:
    print(7310)
elif x == 7311:
    print(7311)
elif x == 7312:
    print(7312)
elif x == 7313:
    print(7313)
elif x == 7314:
    print(7314)
elif x == 7315:
    print(7315)
elif x == 7316:
    print(7316)
elif x == 7317:
    print(7317)
elif x == 7318:
    print(7318)
elif x == 7319:
    print(7319)
elif x == 7320:
    print(7320)
elif x == 7321:
    print(7321)
elif x == 7322:
    print(7322)
elif x == 7323:
    print(7323)
elif x == 7324:
    print(7324)
elif x == 7325:
    print(7325)
elif x == 7326:
    print(7326)
elif x == 7327:
    print(7327)
elif x == 7328:
    print(7328)
elif x == 7329:
    print(7329)
elif x == 7330:
    print(7330)
elif x == 7331:
    print(7331)
elif x == 7332:
    print(7332)
elif x == 7333:
    print(7333)
elif x == 7334:
    print(7334)
elif x == 7335:
    print(7335)
elif x == 7336:
    print(7336)
elif x == 7337:
    print(7337)
elif x == 7338:
    print(7338)
elif x == 7339:
    print(7339)
elif x == 7340:
    print(7340)
elif x == 7341:
    print(7341)
elif x == 7342:
    print(7342)
elif x == 7343:
    print(7343)
elif x == 7344:
    print(7344)
elif x == 7345:
    print(7345)
elif x == 7346:
    print(7346)
elif x == 7347:
    print(7347)
elif x == 7348:
    print(7348)
elif x == 7349:
    print(7349)
elif x == 7350:
    print(7350)
elif x == 7351:
    print(7351)
elif x == 7352:
    print(7352)
elif x == 7353:
    print(7353)
elif x == 7354:
    print(7354)
elif x == 7355:
    print(7355)
elif x == 7356:
    print(7356)
elif x == 7357:
    print(7357)
elif x == 7358:
    print(7358)
elif x == 7359:
    print(7359)
elif x == 7360:
    print(7360)
elif x == 7361:
    print(7361)
elif x == 7362:
    print(7362)
elif x == 7363:
    print(7363)
elif x == 7364:
    print(7364)
elif x == 7365:
    print(7365)
elif x == 7366:
    print(7366)
elif x == 7367:
    print(7367)
elif x == 7368:
    print(7368)
elif x == 7369:
    print(7369)
elif x == 7370:
    print(7370)
elif x == 7371:
    print(7371)
elif x == 7372:
    print(7372)
elif x == 7373:
    print(7373)
elif x == 7374:
    print(7374)
elif x == 7375:
    print(7375)
elif x == 7376:
    print(7376)
elif x == 7377:
    print(7377)
elif x == 7378:
    print(7378)
elif x == 7379:
    print(7379)
elif x == 7380:
    print(7380)
elif x == 7381:
    print(7381)
elif x == 7382:
    print(7382)
elif x == 7383:
    print(7383)
elif x == 7384:
    print(7384)
elif x == 7385:
    print(7385)
elif x == 7386:
    print(7386)
elif x == 7387:
    print(7387)
elif x == 7388:
    print(7388)
elif x == 7389:
    print(7389)
elif x == 7390:
    print(7390)
elif x == 7391:
    print(7391)
elif x == 7392:
    print(7392)
elif x == 7393:
    print(7393)
elif x == 7394:
    print(7394)
elif x == 7395:
    print(7395)
elif x == 7396:
    print(7396)
elif x == 7397:
    print(7397)
elif x == 7398:
    print(7398)
elif x == 7399:
    print(7399)
elif x == 7400:
    print(7400)
elif x == 7401:
    print(7401)
elif x == 7402:
    print(7402)
elif x == 7403:
    print(7403)
elif x == 7404:
    print(7404)
elif x == 7405:
    print(7405)
elif x == 7406:
    print(7406)
elif x == 7407:
    print(7407)
elif x == 7408:
    print(7408)
elif x == 7409:
    print(7409)
elif x == 7410:
    print(7410)
elif x == 7411:
    print(7411)
elif x == 7412:
    print(7412)
elif x == 7413:
    print(7413)
elif x == 7414:
    print(7414)
elif x == 7415:
    print(7415)
elif x == 7416:
    print(7416)
elif x == 7417:
    print(7417)
elif x == 7418:
    print(7418)
elif x == 7419:
    print(7419)
elif x == 7420:
    print(7420)
elif x == 7421:
    print(7421)
elif x == 7422:
    print(7422)
elif x == 7423:
    print(7423)
elif x == 7424:
    print(7424)
elif x == 7425:
    print(7425)
elif x == 7426:
    print(7426)
elif x == 7427:
    print(7427)
elif x == 7428:
    print(7428)
elif x == 7429:
    print(7429)
elif x == 7430:
    print(7430)
elif x == 7431:
    print(7431)
elif x == 7432:
    print(7432)
elif x == 7433:
    print(7433)
elif x == 7434:
    print(7434)
elif x == 7435:
    print(7435)
elif x == 7436:
    print(7436)
elif x == 7437:
    print(7437)
elif x == 7438:
    print(7438)
elif x == 7439:
    print(7439)
elif x == 7440:
    print(7440)
elif x == 7441:
    print(7441)
elif x == 7442:
    print(7442)
elif x == 7443:
    print(7443)
elif x == 7444:
    print(7444)
elif x == 7445:
    print(7445)
elif x == 7446:
    print(7446)
elif x == 7447:
    print(7447)
elif x == 7448:
    print(7448)
elif x == 7449:
    print(7449)
elif x == 7450:
    print(7450)
elif x == 7451:
    print(7451)
elif x == 7452:
    print(7452)
elif x == 7453:
    print(7453)
elif x == 7454:
    print(7454)
elif x == 7455:
    print(7455)
elif x == 7456:
    print(7456)
elif x == 7457:
    print(7457)
elif x == 7458:
    print(7458)
elif x == 7459:
    print(7459)
elif x == 7460:
    print(7460)
elif x == 7461:
    print(7461)
elif x == 7462:
    print(7462)
elif x == 7463:
    print(7463)
elif x == 7464:
    print(7464)
elif x == 7465:
    print(7465)
elif x == 7466:
    print(7466)
elif x == 7467:
    print(7467)
elif x == 7468:
    print(7468)
elif x == 7469:
    print(7469)
elif x == 7470:
    print(7470)
elif x == 7471:
    print(7471)
elif x == 7472:
    print(7472)
elif x == 7473:
    print(7473)
elif x == 7474:
    print(7474)
elif x == 7475:
    print(7475)
elif x == 7476:
    print(7476)
elif x == 7477:
    print(7477)
elif x == 7478:
    print(7478)
elif x == 7479:
    print(7479)
elif x == 7480:
    print(7480)
elif x == 7481:
    print(7481)
elif x == 7482:
    print(7482)
elif x == 7483:
    print(7483)
elif x == 7484:
    print(7484)
elif x == 7485:
    print(7485)
elif x == 7486:
    print(7486)
elif x == 7487:
    print(7487)
elif x == 7488:
    print(7488)
elif x == 7489:
    print(7489)
elif x == 7490:
    print(7490)
elif x == 7491:
    print(7491)
elif x == 7492:
    print(7492)
elif x == 7493:
    print(7493)
elif x == 7494:
    print(7494)
elif x == 7495:
    print(7495)
elif x == 7496:
    print(7496)
elif x == 7497:
    print(7497)
elif x == 7498:
    print(7498)
elif x == 7499:
    print(7499)
elif x == 7500:
    print(7500)
elif x == 7501:
    print(7501)
elif x == 7502:
    print(7502)
elif x == 7503:
    print(7503)
elif x == 7504:
    print(7504)
elif x == 7505:
    print(7505)
elif x == 7506:
    print(7506)
elif x == 7507:
    print(7507)
elif x == 7508:
    print(7508)
elif x == 7509:
    print(7509)
elif x == 7510:
    print(7510)
elif x == 7511:
    print(7511)
elif x == 7512:
    print(7512)
elif x == 7513:
    print(7513)
elif x == 7514:
    print(7514)
elif x == 7515:
    print(7515)
elif x == 7516:
    print(7516)
elif x == 7517:
    print(7517)
elif x == 7518:
    print(7518)
elif x == 7519:
    print(7519)
elif x == 7520:
    print(7520)
elif x == 7521:
    print(7521)
elif x == 7522:
    print(7522)
elif x == 7523:
    print(7523)
elif x == 7524:
    print(7524)
elif x == 7525:
    print(7525)
elif x == 7526:
    print(7526)
elif x == 7527:
    print(7527)
elif x == 7528:
    print(7528)
elif x == 7529:
    print(7529)
elif x == 7530:
    print(7530)
elif x == 7531:
    print(7531)
elif x == 7532:
    print(7532)
elif x == 7533:
    print(7533)
elif x == 7534:
    print(7534)
elif x == 7535:
    print(7535)
elif x == 7536:
    print(7536)
elif x == 7537:
    print(7537)
elif x == 7538:
    print(7538)
elif x == 7539:
    print(7539)
elif x == 7540:
    print(7540)
elif x == 7541:
    print(7541)
elif x == 7542:
    print(7542)
elif x == 7543:
    print(7543)
elif x == 7544:
    print(7544)
elif x == 7545:
    print(7545)
elif x == 7546:
    print(7546)
elif x == 7547:
    print(7547)
elif x == 7548:
    print(7548)
elif x == 7549:
    print(7549)
elif x == 7550:
    print(7550)
elif x == 7551:
    print(7551)
elif x == 7552:
    print(7552)
elif x == 7553:
    print(7553)
elif x == 7554:
    print(7554)
elif x == 7555:
    print(7555)
elif x == 7556:
    print(7556)
elif x == 7557:
    print(7557)
elif x == 7558:
    print(7558)
elif x == 7559:
    print(7559)
elif x == 7560:
    print(7560)
elif x == 7561:
    print(7561)
elif x == 7562:
    print(7562)
elif x == 7563:
    print(7563)
elif x == 7564:
    print(7564)
elif x == 7565:
    print(7565)
elif x == 7566:
    print(7566)
elif x == 7567:
    print(7567)
elif x == 7568:
    print(7568)
elif x == 7569:
    print(7569)
elif x == 7570:
    print(7570)
elif x == 7571:
    print(7571)
elif x == 7572:
    print(7572)
elif x == 7573:
    print(7573)
elif x == 7574:
    print(7574)
elif x == 7575:
    print(7575)
elif x == 7576:
    print(7576)
elif x == 7577:
    print(7577)
elif x == 7578:
    print(7578)
elif x == 7579:
    print(7579)
elif x == 7580:
    print(7580)
elif x == 7581:
    print(7581)
elif x == 7582:
    print(7582)
elif x == 7583:
    print(7583)
elif x == 7584:
    print(7584)
elif x == 7585:
    print(7585)
elif x == 7586:
    print(7586)
elif x == 7587:
    print(7587)
elif x == 7588:
    print(7588)
elif x == 7589:
    print(7589)
elif x == 7590:
    print(7590)
elif x == 7591:
    print(7591)
elif x == 7592:
    print(7592)
elif x == 7593:
    print(7593)
elif x == 7594:
    print(7594)
elif x == 7595:
    print(7595)
elif x == 7596:
    print(7596)
elif x == 7597:
    print(7597)
elif x == 7598:
    print(7598)
elif x == 7599:
    print(7599)
elif x == 7600:
    print(7600)
elif x == 7601:
    print(7601)
elif x == 7602:
    print(7602)
elif x == 7603:
    print(7603)
elif x == 7604:
    print(7604)
elif x == 7605:
    print(7605)
elif x == 7606:
    print(7606)
elif x == 7607:
    print(7607)
elif x == 7608:
    print(7608)
elif x == 7609:
    print(7609)
elif x == 7610:
    print(7610)
elif x == 7611:
    print(7611)
elif x == 7612:
    print(7612)
elif x == 7613:
    print(7613)
elif x == 7614:
    print(7614)
elif x == 7615:
    print(7615)
elif x == 7616:
    print(7616)
elif x == 7617:
    print(7617)
elif x == 7618:
    print(7618)
elif x == 7619:
    print(7619)
elif x == 7620:
    print(7620)
elif x == 7621:
    print(7621)
elif x == 7622:
    print(7622)
elif x == 7623:
    print(7623)
elif x == 7624:
    print(7624)
elif x == 7625:
    print(7625)
elif x == 7626:
    print(7626)
elif x == 7627:
    print(7627)
elif x == 7628:
    print(7628)
elif x == 7629:
    print(7629)
elif x == 7630:
    print(7630)
elif x == 7631:
    print(7631)
elif x == 7632:
    print(7632)
elif x == 7633:
    print(7633)
elif x == 7634:
    print(7634)
elif x == 7635:
    print(7635)
elif x == 7636:
    print(7636)
elif x == 7637:
    print(7637)
elif x == 7638:
    print(7638)
elif x == 7639:
    print(7639)
elif x == 7640:
    print(7640)
elif x == 7641:
    print(7641)
elif x == 7642:
    print(7642)
elif x == 7643:
    print(7643)
elif x == 7644:
    print(7644)
elif x == 7645:
    print(7645)
elif x == 7646:
    print(7646)
elif x == 7647:
    print(7647)
elif x == 7648:
    print(7648)
elif x == 7649:
    print(7649)
elif x == 7650:
    print(7650)
elif x == 7651:
    print(7651)
elif x == 7652:
    print(7652)
elif x == 7653:
    print(7653)
elif x == 7654:
    print(7654)
elif x == 7655:
    print(7655)
elif x == 7656:
    print(7656)
elif x == 7657:
    print(7657)
elif x == 7658:
    print(7658)
elif x == 7659:
    print(7659)
elif x == 7660:
    print(7660)
elif x == 7661:
    print(7661)
elif x == 7662:
    print(7662)
elif x == 7663:
    print(7663)
elif x == 7664:
    print(7664)
elif x == 7665:
    print(7665)
elif x == 7666:
    print(7666)
elif x == 7667:
    print(7667)
elif x == 7668:
    print(7668)
elif x == 7669:
    print(7669)
elif x == 7670:
    print(7670)
elif x == 7671:
    print(7671)
elif x == 7672:
    print(7672)
elif x == 7673:
    print(7673)
elif x == 7674:
    print(7674)
elif x == 7675:
    print(7675)
elif x == 7676:
    print(7676)
elif x == 7677:
    print(7677)
elif x == 7678:
    print(7678)
elif x == 7679:
    print(7679)
elif x == 7680:
    print(7680)
elif x == 7681:
    print(7681)
elif x == 7682:
    print(7682)
elif x == 7683:
    print(7683)
elif x == 7684:
    print(7684)
elif x == 7685:
    print(7685)
elif x == 7686:
    print(7686)
elif x == 7687:
    print(7687)
elif x == 7688:
    print(7688)
elif x == 7689:
    print(7689)
elif x == 7690:
    print(7690)
elif x == 7691:
    print(7691)
elif x == 7692:
    print(7692)
elif x == 7693:
    print(7693)
elif x == 7694:
    print(7694)
elif x == 7695:
    print(7695)
elif x == 7696:
    print(7696)
elif x == 7697:
    print(7697)
elif x == 7698:
    print(7698)
elif x == 7699:
    print(7699)
elif x == 7700:
    print(7700)
elif x == 7701:
    print(7701)
elif x == 7702:
    print(7702)
elif x == 7703:
    print(7703)
elif x == 7704:
    print(7704)
elif x == 7705:
    print(7705)
elif x == 7706:
    print(7706)
elif x == 7707:
    print(7707)
elif x == 7708:
    print(7708)
elif x == 7709:
    print(7709)
elif x == 7710:
    print(7710)
elif x == 7711:
    print(7711)
elif x == 7712:
    print(7712)
elif x == 7713:
    print(7713)
elif x == 7714:
    print(7714)
elif x == 7715:
    print(7715)
elif x == 7716:
    print(7716)
elif x == 7717:
    print(7717)
elif x == 7718:
    print(7718)
elif x == 7719:
    print(7719)
elif x == 7720:
    print(7720)
elif x == 7721:
    print(7721)
elif x == 7722:
    print(7722)
elif x == 7723:
    print(7723)
elif x == 7724:
    print(7724)
elif x == 7725:
    print(7725)
elif x == 7726:
    print(7726)
elif x == 7727:
    print(7727)
elif x == 7728:
    print(7728)
elif x == 7729:
    print(7729)
elif x == 7730:
    print(7730)
elif x == 7731:
    print(7731)
elif x == 7732:
    print(7732)
elif x == 7733:
    print(7733)
elif x == 7734:
    print(7734)
elif x == 7735:
    print(7735)
elif x == 7736:
    print(7736)
elif x == 7737:
    print(7737)
elif x == 7738:
    print(7738)
elif x == 7739:
    print(7739)
elif x == 7740:
    print(7740)
elif x == 7741:
    print(7741)
elif x == 7742:
    print(7742)
elif x == 7743:
    print(7743)
elif x == 7744:
    print(7744)
elif x == 7745:
    print(7745)
elif x == 7746:
    print(7746)
elif x == 7747:
    print(7747)
elif x == 7748:
    print(7748)
elif x == 7749:
    print(7749)
elif x == 7750:
    print(7750)
elif x == 7751:
    print(7751)
elif x == 7752:
    print(7752)
elif x == 7753:
    print(7753)
elif x == 7754:
    print(7754)
elif x == 7755:
    print(7755)
elif x == 7756:
    print(7756)
elif x == 7757:
    print(7757)
elif x == 7758:
    print(7758)
elif x == 7759:
    print(7759)
elif x == 7760:
    print(7760)
elif x == 7761:
    print(7761)
elif x == 7762:
    print(7762)
elif x == 7763:
    print(7763)
elif x == 7764:
    print(7764)
elif x == 7765:
    print(7765)
elif x == 7766:
    print(7766)
elif x == 7767:
    print(7767)
elif x == 7768:
    print(7768)
elif x == 7769:
    print(7769)
elif x == 7770:
    print(7770)
elif x == 7771:
    print(7771)
elif x == 7772:
    print(7772)
elif x == 7773:
    print(7773)
elif x == 7774:
    print(7774)
elif x == 7775:
    print(7775)
elif x == 7776:
    print(7776)
elif x == 7777:
    print(7777)
elif x == 7778:
    print(7778)
elif x == 7779:
    print(7779)
elif x == 7780:
    print(7780)
elif x == 7781:
    print(7781)
elif x == 7782:
    print(7782)
elif x == 7783:
    print(7783)
elif x == 7784:
    print(7784)
elif x == 7785:
    print(7785)
elif x == 7786:
    print(7786)
elif x == 7787:
    print(7787)
elif x == 7788:
    print(7788)
elif x == 7789:
    print(7789)
elif x == 7790:
    print(7790)
elif x == 7791:
    print(7791)
elif x == 7792:
    print(7792)
elif x == 7793:
    print(7793)
elif x == 7794:
    print(7794)
elif x == 7795:
    print(7795)
elif x == 7796:
    print(7796)
elif x == 7797:
    print(7797)
elif x == 7798:
    print(7798)
elif x == 7799:
    print(7799)
elif x == 7800:
    print(7800)
elif x == 7801:
    print(7801)
elif x == 7802:
    print(7802)
elif x == 7803:
    print(7803)
elif x == 7804:
    print(7804)
elif x == 7805:
    print(7805)
elif x == 7806:
    print(7806)
elif x == 7807:
    print(7807)
elif x == 7808:
    print(7808)
elif x == 7809:
    print(7809)
elif x == 7810:
    print(7810)
elif x == 7811:
    print(7811)
elif x == 7812:
    print(7812)
elif x == 7813:
    print(7813)
elif x == 7814:
    print(7814)
elif x == 7815:
    print(7815)
elif x == 7816:
    print(7816)
elif x == 7817:
    print(7817)
elif x == 7818:
    print(7818)
elif x == 7819:
    print(7819)
elif x == 7820:
    print(7820)
elif x == 7821:
    print(7821)
elif x == 7822:
    print(7822)
elif x == 7823:
    print(7823)
elif x == 7824:
    print(7824)
elif x == 7825:
    print(7825)
elif x == 7826:
    print(7826)
elif x == 7827:
    print(7827)
elif x == 7828:
    print(7828)
elif x == 7829:
    print(7829)
elif x == 7830:
    print(7830)
elif x == 7831:
    print(7831)
elif x == 7832:
    print(7832)
elif x == 7833:
    print(7833)
elif x == 7834:
    print(7834)
elif x == 7835:
    print(7835)
elif x == 7836:
    print(7836)
elif x == 7837:
    print(7837)
elif x == 7838:
    print(7838)
elif x == 7839:
    print(7839)
elif x == 7840:
    print(7840)
elif x == 7841:
    print(7841)
elif x == 7842:
    print(7842)
elif x == 7843:
    print(7843)
elif x == 7844:
    print(7844)
elif x == 7845:
    print(7845)
elif x == 7846:
    print(7846)
elif x == 7847:
    print(7847)
elif x == 7848:
    print(7848)
elif x == 7849:
    print(7849)
elif x == 7850:
    print(7850)
elif x == 7851:
    print(7851)
elif x == 7852:
    print(7852)
elif x == 7853:
    print(7853)
elif x == 7854:
    print(7854)
elif x == 7855:
    print(7855)
elif x == 7856:
    print(7856)
elif x == 7857:
    print(7857)
elif x == 7858:
    print(7858)
elif x == 7859:
    print(7859)
elif x == 7860:
    print(7860)
elif x == 7861:
    print(7861)
elif x == 7862:
    print(7862)
elif x == 7863:
    print(7863)
elif x == 7864:
    print(7864)
elif x == 7865:
    print(7865)
elif x == 7866:
    print(7866)
elif x == 7867:
    print(7867)
elif x == 7868:
    print(7868)
elif x == 7869:
    print(7869)
elif x == 7870:
    print(7870)
elif x == 7871:
    print(7871)
elif x == 7872:
    print(7872)
elif x == 7873:
    print(7873)
elif x == 7874:
    print(7874)
elif x == 7875:
    print(7875)
elif x == 7876:
    print(7876)
elif x == 7877:
    print(7877)
elif x == 7878:
    print(7878)
elif x == 7879:
    print(7879)
elif x == 7880:
    print(7880)
elif x == 7881:
    print(7881)
elif x == 7882:
    print(7882)
elif x == 7883:
    print(7883)
elif x == 7884:
    print(7884)
elif x == 7885:
    print(7885)
elif x == 7886:
    print(7886)
elif x == 7887:
    print(7887)
elif x == 7888:
    print(7888)
elif x == 7889:
    print(7889)
elif x == 7890:
    print(7890)
elif x == 7891:
    print(7891)
elif x == 7892:
    print(7892)
elif x == 7893:
    print(7893)
elif x == 7894:
    print(7894)
elif x == 7895:
    print(7895)
elif x == 7896:
    print(7896)
elif x == 7897:
    print(7897)
elif x == 7898:
    print(7898)
elif x == 7899:
    print(7899)
elif x == 7900:
    print(7900)
elif x == 7901:
    print(7901)
elif x == 7902:
    print(7902)
elif x == 7903:
    print(7903)
elif x == 7904:
    print(7904)
elif x == 7905:
    print(7905)
elif x == 7906:
    print(7906)
elif x == 7907:
    print(7907)
elif x == 7908:
    print(7908)
elif x == 7909:
    print(7909)
elif x == 7910:
    print(7910)
elif x == 7911:
    print(7911)
elif x == 7912:
    print(7912)
elif x == 7913:
    print(7913)
elif x == 7914:
    print(7914)
elif x == 7915:
    print(7915)
elif x == 7916:
    print(7916)
elif x == 7917:
    print(7917)
elif x == 7918:
    print(7918)
elif x == 7919:
    print(7919)
elif x == 7920:
    print(7920)
elif x == 7921:
    print(7921)
elif x == 7922:
    print(7922)
elif x == 7923:
    print(7923)
elif x == 7924:
    print(7924)
elif x == 7925:
    print(7925)
elif x == 7926:
    print(7926)
elif x == 7927:
    print(7927)
elif x == 7928:
    print(7928)
elif x == 7929:
    print(7929)
elif x == 7930:
    print(7930)
elif x == 7931:
    print(7931)
elif x == 7932:
    print(7932)
elif x == 7933:
    print(7933)
elif x == 7934:
    print(7934)
elif x == 7935:
    print(7935)
elif x == 7936:
    print(7936)
elif x == 7937:
    print(7937)
elif x == 7938:
    print(7938)
elif x == 7939:
    print(7939)
elif x == 7940:
    print(7940)
elif x == 7941:
    print(7941)
elif x == 7942:
    print(7942)
elif x == 7943:
    print(7943)
elif x == 7944:
    print(7944)
elif x == 7945:
    print(7945)
elif x == 7946:
    print(7946)
elif x == 7947:
    print(7947)
elif x == 7948:
    print(7948)
elif x == 7949:
    print(7949)
elif x == 7950:
    print(7950)
elif x == 7951:
    print(7951)
elif x == 7952:
    print(7952)
elif x == 7953:
    print(7953)
elif x == 7954:
    print(7954)
elif x == 7955:
    print(7955)
elif x == 7956:
    print(7956)
elif x == 7957:
    print(7957)
elif x == 7958:
    print(7958)
elif x == 7959:
    print(7959)
elif x == 7960:
    print(7960)
elif x == 7961:
    print(7961)
elif x == 7962:
    print(7962)
elif x == 7963:
    print(7963)
elif x == 7964:
    print(7964)
elif x == 7965:
    print(7965)
elif x == 7966:
    print(7966)
elif x == 7967:
    print(7967)
elif x == 7968:
    print(7968)
elif x == 7969:
    print(7969)
elif x == 7970:
    print(7970)
elif x == 7971:
    print(7971)
elif x == 7972:
    print(7972)
elif x == 7973:
    print(7973)
elif x == 7974:
    print(7974)
elif x == 7975:
    print(7975)
elif x == 7976:
    print(7976)
elif x == 7977:
    print(7977)
elif x == 7978:
    print(7978)
elif x == 7979:
    print(7979)
elif x == 7980:
    print(7980)
elif x == 7981:
    print(7981)
elif x == 7982:
    print(7982)
elif x == 7983:
    print(7983)
elif x == 7984:
    print(7984)
elif x == 7985:
    print(7985)
elif x == 7986:
    print(7986)
elif x == 7987:
    print(7987)
elif x == 7988:
    print(7988)
elif x == 7989:
    print(7989)
elif x == 7990:
    print(7990)
elif x == 7991:
    print(7991)
elif x == 7992:
    print(7992)
elif x == 7993:
    print(7993)
elif x == 7994:
    print(7994)
elif x == 7995:
    print(7995)
elif x == 7996:
    print(7996)
elif x == 7997:
    print(7997)
elif x == 7998:
    print(7998)
elif x == 7999:
    print(7999)
elif x == 8000:
    print(8000)
elif x == 8001:
    print(8001)
elif x == 8002:
    print(8002)
elif x == 8003:
    print(8003)
elif x == 8004:
    print(8004)
elif x == 8005:
    print(8005)
elif x == 8006:
    print(8006)
elif x == 8007:
    print(8007)
elif x == 8008:
    print(8008)
elif x == 8009:
    print(8009)
elif x == 8010:
    print(8010)
elif x == 8011:
    print(8011)
elif x == 8012:
    print(8012)
elif x == 8013:
    print(8013)
elif x == 8014:
    print(8014)
elif x == 8015:
    print(8015)
elif x == 8016:
    print(8016)
elif x == 8017:
    print(8017)
elif x == 8018:
    print(8018)
elif x == 8019:
    print(8019)
elif x == 8020:
    print(8020)
elif x == 8021:
    print(8021)
elif x == 8022:
    print(8022)
elif x == 8023:
    print(8023)
elif x == 8024:
    print(8024)
elif x == 8025:
    print(8025)
elif x == 8026:
    print(8026)
elif x == 8027:
    print(8027)
elif x == 8028:
    print(8028)
elif x == 8029:
    print(8029)
elif x == 8030:
    print(8030)
elif x == 8031:
    print(8031)
elif x == 8032:
    print(8032)
elif x == 8033:
    print(8033)
elif x == 8034:
    print(8034)
elif x == 8035:
    print(8035)
elif x == 8036:
    print(8036)
elif x == 8037:
    print(8037)
elif x == 8038:
    print(8038)
elif x == 8039:
    print(8039)
elif x == 8040:
    print(8040)
elif x == 8041:
    print(8041)
elif x == 8042:
    print(8042)
elif x == 8043:
    print(8043)
elif x == 8044:
    print(8044)
elif x == 8045:
    print(8045)
elif x == 8046:
    print(8046)
elif x == 8047:
    print(8047)
elif x == 8048:
    print(8048)
elif x == 8049:
    print(8049)
elif x == 8050:
    print(8050)
elif x == 8051:
    print(8051)
elif x == 8052:
    print(8052)
elif x == 8053:
    print(8053)
elif x == 8054:
    print(8054)
elif x == 8055:
    print(8055)
elif x == 8056:
    print(8056)
elif x == 8057:
    print(8057)
elif x == 8058:
    print(8058)
elif x == 8059:
    print(8059)
elif x == 8060:
    print(8060)
elif x == 8061:
    print(8061)
elif x == 8062:
    print(8062)
elif x == 8063:
    print(8063)
elif x == 8064:
    print(8064)
elif x == 8065:
    print(8065)
elif x == 8066:
    print(8066)
elif x == 8067:
    print(8067)
elif x == 8068:
    print(8068)
elif x == 8069:
    print(8069)
elif x == 8070:
    print(8070)
elif x == 8071:
    print(8071)
elif x == 8072:
    print(8072)
elif x == 8073:
    print(8073)
elif x == 8074:
    print(8074)
elif x == 8075:
    print(8075)
elif x == 8076:
    print(8076)
elif x == 8077:
    print(8077)
elif x == 8078:
    print(8078)
elif x == 8079:
    print(8079)
elif x == 8080:
    print(8080)
elif x == 8081:
    print(8081)
elif x == 8082:
    print(8082)
elif x == 8083:
    print(8083)
elif x == 8084:
    print(8084)
elif x == 8085:
    print(8085)
elif x == 8086:
    print(8086)
elif x == 8087:
    print(8087)
elif x == 8088:
    print(8088)
elif x == 8089:
    print(8089)
elif x == 8090:
    print(8090)
elif x == 8091:
    print(8091)
elif x == 8092:
    print(8092)
elif x == 8093:
    print(8093)
elif x == 8094:
    print(8094)
elif x == 8095:
    print(8095)
elif x == 8096:
    print(8096)
elif x == 8097:
    print(8097)
elif x == 8098:
    print(8098)
elif x == 8099:
    print(8099)
elif x == 8100:
    print(8100)
elif x == 8101:
    print(8101)
elif x == 8102:
    print(8102)
elif x == 8103:
    print(8103)
elif x == 8104:
    print(8104)
elif x == 8105:
    print(8105)
elif x == 8106:
    print(8106)
elif x == 8107:
    print(8107)
elif x == 8108:
    print(8108)
elif x == 8109:
    print(8109)
elif x == 8110:
    print(8110)
elif x == 8111:
    print(8111)
elif x == 8112:
    print(8112)
elif x == 8113:
    print(8113)
elif x == 8114:
    print(8114)
elif x == 8115:
    print(8115)
elif x == 8116:
    print(8116)
elif x == 8117:
    print(8117)
elif x == 8118:
    print(8118)
elif x == 8119:
    print(8119)
elif x == 8120:
    print(8120)
elif x == 8121:
    print(8121)
elif x == 8122:
    print(8122)
elif x == 8123:
    print(8123)
elif x == 8124:
    print(8124)
elif x == 8125:
    print(8125)
elif x == 8126:
    print(8126)
elif x == 8127:
    print(8127)
elif x == 8128:
    print(8128)
elif x == 8129:
    print(8129)
elif x == 8130:
    print(8130)
elif x == 8131:
    print(8131)
elif x == 8132:
    print(8132)
elif x == 8133:
    print(8133)
elif x == 8134:
    print(8134)
elif x == 8135:
    print(8135)
elif x == 8136:
    print(8136)
elif x == 8137:
    print(8137)
elif x == 8138:
    print(8138)
elif x == 8139:
    print(8139)
elif x == 8140:
    print(8140)
elif x == 8141:
    print(8141)
elif x == 8142:
    print(8142)
elif x == 8143:
    print(8143)
elif x == 8144:
    print(8144)
elif x == 8145:
    print(8145)
elif x == 8146:
    print(8146)
elif x == 8147:
    print(8147)
elif x == 8148:
    print(8148)
elif x == 8149:
    print(8149)
elif x == 8150:
    print(8150)
elif x == 8151:
    print(8151)
elif x == 8152:
    print(8152)
elif x == 8153:
    print(8153)
elif x == 8154:
    print(8154)
elif x == 8155:
    print(8155)
elif x == 8156:
    print(8156)
elif x == 8157:
    print(8157)
elif x == 8158:
    print(8158)
elif x == 8159:
    print(8159)
elif x == 8160:
    print(8160)
elif x == 8161:
    print(8161)
elif x == 8162:
    print(8162)
elif x == 8163:
    print(8163)
elif x == 8164:
    print(8164)
elif x == 8165:
    print(8165)
elif x == 8166:
    print(8166)
elif x == 8167:
    print(8167)
elif x == 8168:
    print(8168)
elif x == 8169:
    print(8169)
elif x == 8170:
    print(8170)
elif x == 8171:
    print(8171)
elif x == 8172:
    print(8172)
elif x == 8173:
    print(8173)
elif x == 8174:
    print(8174)
elif x == 8175:
    print(8175)
elif x == 8176:
    print(8176)
elif x == 8177:
    print(8177)
elif x == 8178:
    print(8178)
elif x == 8179:
    print(8179)
elif x == 8180:
    print(8180)
elif x == 8181:
    print(8181)
elif x == 8182:
    print(8182)
elif x == 8183:
    print(8183)
elif x == 8184:
    print(8184)
elif x == 8185:
    print(8185)
elif x == 8186:
    print(8186)
elif x == 8187:
    print(8187)
elif x == 8188:
    print(8188)
elif x == 8189:
    print(8189)
elif x == 8190:
    print(8190)
elif x == 8191:
    print(8191)
elif x == 8192:
    print(8192)
elif x == 8193:
    print(8193)
elif x == 8194:
    print(8194)
elif x == 8195:
    print(8195)
elif x == 8196:
    print(8196)
elif x == 8197:
    print(8197)
elif x == 8198:
    print(8198)
elif x == 8199:
    print(8199)
elif x == 8200:
    print(8200)
elif x == 8201:
    print(8201)
elif x == 8202:
    print(8202)
elif x == 8203:
    print(8203)
elif x == 8204:
    print(8204)
elif x == 8205:
    print(8205)
elif x == 8206:
    print(8206)
elif x == 8207:
    print(8207)
elif x == 8208:
    print(8208)
elif x == 8209:
    print(8209)
elif x == 8210:
    print(8210)
elif x == 8211:
    print(8211)
elif x == 8212:
    print(8212)
elif x == 8213:
    print(8213)
elif x == 8214:
    print(8214)
elif x == 8215:
    print(8215)
elif x == 8216:
    print(8216)
elif x == 8217:
    print(8217)
elif x == 8218:
    print(8218)
elif x == 8219:
    print(8219)
elif x == 8220:
    print(8220)
elif x == 8221:
    print(8221)
elif x == 8222:
    print(8222)
elif x == 8223:
    print(8223)
elif x == 8224:
    print(8224)
elif x == 8225:
    print(8225)
elif x == 8226:
    print(8226)
elif x == 8227:
    print(8227)
elif x == 8228:
    print(8228)
elif x == 8229:
    print(8229)
elif x == 8230:
    print(8230)
elif x == 8231:
    print(8231)
elif x == 8232:
    print(8232)
elif x == 8233:
    print(8233)
elif x == 8234:
    print(8234)
elif x == 8235:
    print(8235)
elif x == 8236:
    print(8236)
elif x == 8237:
    print(8237)
elif x == 8238:
    print(8238)
elif x == 8239:
    print(8239)
elif x == 8240:
    print(8240)
elif x == 8241:
    print(8241)
elif x == 8242:
    print(8242)
elif x == 8243:
    print(8243)
elif x == 8244:
    print(8244)
elif x == 8245:
    print(8245)
elif x == 8246:
    print(8246)
elif x == 8247:
    print(8247)
elif x == 8248:
    print(8248)
elif x == 8249:
    print(8249)
elif x == 8250:
    print(8250)
elif x == 8251:
    print(8251)
elif x == 8252:
    print(8252)
elif x == 8253:
    print(8253)
elif x == 8254:
    print(8254)
elif x == 8255:
    print(8255)
elif x == 8256:
    print(8256)
elif x == 8257:
    print(8257)
elif x == 8258:
    print(8258)
elif x == 8259:
    print(8259)
elif x == 8260:
    print(8260)
elif x == 8261:
    print(8261)
elif x == 8262:
    print(8262)
elif x == 8263:
    print(8263)
elif x == 8264:
    print(8264)
elif x == 8265:
    print(8265)
elif x == 8266:
    print(8266)
elif x == 8267:
    print(8267)
elif x == 8268:
    print(8268)
elif x == 8269:
    print(8269)
elif x == 8270:
    print(8270)
elif x == 8271:
    print(8271)
elif x == 8272:
    print(8272)
elif x == 8273:
    print(8273)
elif x == 8274:
    print(8274)
elif x == 8275:
    print(8275)
elif x == 8276:
    print(8276)
elif x == 8277:
    print(8277)
elif x == 8278:
    print(8278)
elif x == 8279:
    print(8279)
elif x == 8280:
    print(8280)
elif x == 8281:
    print(8281)
elif x == 8282:
    print(8282)
elif x == 8283:
    print(8283)
elif x == 8284:
    print(8284)
elif x == 8285:
    print(8285)
elif x == 8286:
    print(8286)
elif x == 8287:
    print(8287)
elif x == 8288:
    print(8288)
elif x == 8289:
    print(8289)
elif x == 8290:
    print(8290)
elif x == 8291:
    print(8291)
elif x == 8292:
    print(8292)
elif x == 8293:
    print(8293)
elif x == 8294:
    print(8294)
elif x == 8295:
    print(8295)
elif x == 8296:
    print(8296)
elif x == 8297:
    print(8297)
elif x == 8298:
    print(8298)
elif x == 8299:
    print(8299)
elif x == 8300:
    print(8300)
elif x == 8301:
    print(8301)
elif x == 8302:
    print(8302)
elif x == 8303:
    print(8303)
elif x == 8304:
    print(8304)
elif x == 8305:
    print(8305)
elif x == 8306:
    print(8306)
elif x == 8307:
    print(8307)
elif x == 8308:
    print(8308)
elif x == 8309:
    print(8309)
elif x == 8310:
    print(8310)
elif x == 8311:
    print(8311)
elif x == 8312:
    print(8312)
elif x == 8313:
    print(8313)
elif x == 8314:
    print(8314)
elif x == 8315:
    print(8315)
elif x == 8316:
    print(8316)
elif x == 8317:
    print(8317)
elif x == 8318:
    print(8318)
elif x == 8319:
    print(8319)
elif x == 8320:
    print(8320)
elif x == 8321:
    print(8321)
elif x == 8322:
    print(8322)
elif x == 8323:
    print(8323)
elif x == 8324:
    print(8324)
elif x == 8325:
    print(8325)
elif x == 8326:
    print(8326)
elif x == 8327:
    print(8327)
elif x == 8328:
    print(8328)
elif x == 8329:
    print(8329)
elif x == 8330:
    print(8330)
elif x == 8331:
    print(8331)
elif x == 8332:
    print(8332)
elif x == 8333:
    print(8333)
elif x == 8334:
    print(8334)
elif x == 8335:
    print(8335)
elif x == 8336:
    print(8336)
elif x == 8337:
    print(8337)
elif x == 8338:
    print(8338)
elif x == 8339:
    print(8339)
elif x == 8340:
    print(8340)
elif x == 8341:
    print(8341)
elif x == 8342:
    print(8342)
elif x == 8343:
    print(8343)
elif x == 8344:
    print(8344)
elif x == 8345:
    print(8345)
elif x == 8346:
    print(8346)
elif x == 8347:
    print(8347)
elif x == 8348:
    print(8348)
elif x == 8349:
    print(8349)
elif x == 8350:
    print(8350)
elif x == 8351:
    print(8351)
elif x == 8352:
    print(8352)
elif x == 8353:
    print(8353)
elif x == 8354:
    print(8354)
elif x == 8355:
    print(8355)
elif x == 8356:
    print(8356)
elif x == 8357:
    print(8357)
elif x == 8358:
    print(8358)
elif x == 8359:
    print(8359)
elif x == 8360:
    print(8360)
elif x == 8361:
    print(8361)
elif x == 8362:
    print(8362)
elif x == 8363:
    print(8363)
elif x == 8364:
    print(8364)
elif x == 8365:
    print(8365)
elif x == 8366:
    print(8366)
elif x == 8367:
    print(8367)
elif x == 8368:
    print(8368)
elif x == 8369:
    print(8369)
elif x == 8370:
    print(8370)
elif x == 8371:
    print(8371)
elif x == 8372:
    print(8372)
elif x == 8373:
    print(8373)
elif x == 8374:
    print(8374)
elif x == 8375:
    print(8375)
elif x == 8376:
    print(8376)
elif x == 8377:
    print(8377)
elif x == 8378:
    print(8378)
elif x == 8379:
    print(8379)
elif x == 8380:
    print(8380)
elif x == 8381:
    print(8381)
elif x == 8382:
    print(8382)
elif x == 8383:
    print(8383)
elif x == 8384:
    print(8384)
elif x == 8385:
    print(8385)
elif x == 8386:
    print(8386)
elif x == 8387:
    print(8387)
elif x == 8388:
    print(8388)
elif x == 8389:
    print(8389)
elif x == 8390:
    print(8390)
elif x == 8391:
    print(8391)
elif x == 8392:
    print(8392)
elif x == 8393:
    print(8393)
elif x == 8394:
    print(8394)
elif x == 8395:
    print(8395)
elif x == 8396:
    print(8396)
elif x == 8397:
    print(8397)
elif x == 8398:
    print(8398)
elif x == 8399:
    print(8399)
elif x == 8400:
    print(8400)
elif x == 8401:
    print(8401)
elif x == 8402:
    print(8402)
elif x == 8403:
    print(8403)
elif x == 8404:
    print(8404)
elif x == 8405:
    print(8405)
elif x == 8406:
    print(8406)
elif x == 8407:
    print(8407)
elif x == 8408:
    print(8408)
elif x == 8409:
    print(8409)
elif x == 8410:
    print(8410)
elif x == 8411:
    print(8411)
elif x == 8412:
    print(8412)
elif x == 8413:
    print(8413)
elif x == 8414:
    print(8414)
elif x == 8415:
    print(8415)
elif x == 8416:
    print(8416)
elif x == 8417:
    print(8417)
elif x == 8418:
    print(8418)
elif x == 8419:
    print(8419)
elif x == 8420:
    print(8420)
elif x == 8421:
    print(8421)
elif x == 8422:
    print(8422)
elif x == 8423:
    print(8423)
elif x == 8424:
    print(8424)
elif x == 8425:
    print(8425)
elif x == 8426:
    print(8426)
elif x == 8427:
    print(8427)
elif x == 8428:
    print(8428)
elif x == 8429:
    print(8429)
elif x == 8430:
    print(8430)
elif x == 8431:
    print(8431)
elif x == 8432:
    print(8432)
elif x == 8433:
    print(8433)
elif x == 8434:
    print(8434)
elif x == 8435:
    print(8435)
elif x == 8436:
    print(8436)
elif x == 8437:
    print(8437)
elif x == 8438:
    print(8438)
elif x == 8439:
    print(8439)
elif x == 8440:
    print(8440)
elif x == 8441:
    print(8441)
elif x == 8442:
    print(8442)
elif x == 8443:
    print(8443)
elif x == 8444:
    print(8444)
elif x == 8445:
    print(8445)
elif x == 8446:
    print(8446)
elif x == 8447:
    print(8447)
elif x == 8448:
    print(8448)
elif x == 8449:
    print(8449)
elif x == 8450:
    print(8450)
elif x == 8451:
    print(8451)
elif x == 8452:
    print(8452)
elif x == 8453:
    print(8453)
elif x == 8454:
    print(8454)
elif x == 8455:
    print(8455)
elif x == 8456:
    print(8456)
elif x == 8457:
    print(8457)
elif x == 8458:
    print(8458)
elif x == 8459:
    print(8459)
elif x == 8460:
    print(8460)
elif x == 8461:
    print(8461)
elif x == 8462:
    print(8462)
elif x == 8463:
    print(8463)
elif x == 8464:
    print(8464)
elif x == 8465:
    print(8465)
elif x == 8466:
    print(8466)
elif x == 8467:
    print(8467)
elif x == 8468:
    print(8468)
elif x == 8469:
    print(8469)
elif x == 8470:
    print(8470)
elif x == 8471:
    print(8471)
elif x == 8472:
    print(8472)
elif x == 8473:
    print(8473)
elif x == 8474:
    print(8474)
elif x == 8475:
    print(8475)
elif x == 8476:
    print(8476)
elif x == 8477:
    print(8477)
elif x == 8478:
    print(8478)
elif x == 8479:
    print(8479)
elif x == 8480:
    print(8480)
elif x == 8481:
    print(8481)
elif x == 8482:
    print(8482)
elif x == 8483:
    print(8483)
elif x == 8484:
    print(8484)
elif x == 8485:
    print(8485)
elif x == 8486:
    print(8486)
elif x == 8487:
    print(8487)
elif x == 8488:
    print(8488)
elif x == 8489:
    print(8489)
elif x == 8490:
    print(8490)
elif x == 8491:
    print(8491)
elif x == 8492:
    print(8492)
elif x == 8493:
    print(8493)
elif x == 8494:
    print(8494)
elif x == 8495:
    print(8495)
elif x == 8496:
    print(8496)
elif x == 8497:
    print(8497)
elif x == 8498:
    print(8498)
elif x == 8499:
    print(8499)
elif x == 8500:
    print(8500)
elif x == 8501:
    print(8501)
elif x == 8502:
    print(8502)
elif x == 8503:
    print(8503)
elif x == 8504:
    print(8504)
elif x == 8505:
    print(8505)
elif x == 8506:
    print(8506)
elif x == 8507:
    print(8507)
elif x == 8508:
    print(8508)
elif x == 8509:
    print(8509)
elif x == 8510:
    print(8510)
elif x == 8511:
    print(8511)
elif x == 8512:
    print(8512)
elif x == 8513:
    print(8513)
elif x == 8514:
    print(8514)
elif x == 8515:
    print(8515)
elif x == 8516:
    print(8516)
elif x == 8517:
    print(8517)
elif x == 8518:
    print(8518)
elif x == 8519:
    print(8519)
elif x == 8520:
    print(8520)
elif x == 8521:
    print(8521)
elif x == 8522:
    print(8522)
elif x == 8523:
    print(8523)
elif x == 8524:
    print(8524)
elif x == 8525:
    print(8525)
elif x == 8526:
    print(8526)
elif x == 8527:
    print(8527)
elif x == 8528:
    print(8528)
elif x == 8529:
    print(8529)
elif x == 8530:
    print(8530)
elif x == 8531:
    print(8531)
elif x == 8532:
    print(8532)
elif x == 8533:
    print(8533)
elif x == 8534:
    print(8534)
elif x == 8535:
    print(8535)
elif x == 8536:
    print(8536)
elif x == 8537:
    print(8537)
elif x == 8538:
    print(8538)
elif x == 8539:
    print(8539)
elif x == 8540:
    print(8540)
elif x == 8541:
    print(8541)
elif x == 8542:
    print(8542)
elif x == 8543:
    print(8543)
elif x == 8544:
    print(8544)
elif x == 8545:
    print(8545)
elif x == 8546:
    print(8546)
elif x == 8547:
    print(8547)
elif x == 8548:
    print(8548)
elif x == 8549:
    print(8549)
elif x == 8550:
    print(8550)
elif x == 8551:
    print(8551)
elif x == 8552:
    print(8552)
elif x == 8553:
    print(8553)
elif x == 8554:
    print(8554)
elif x == 8555:
    print(8555)
elif x == 8556:
    print(8556)
elif x == 8557:
    print(8557)
elif x == 8558:
    print(8558)
elif x == 8559:
    print(8559)
elif x == 8560:
    print(8560)
elif x == 8561:
    print(8561)
elif x == 8562:
    print(8562)
elif x == 8563:
    print(8563)
elif x == 8564:
    print(8564)
elif x == 8565:
    print(8565)
elif x == 8566:
    print(8566)
elif x == 8567:
    print(8567)
elif x == 8568:
    print(8568)
elif x == 8569:
    print(8569)
elif x == 8570:
    print(8570)
elif x == 8571:
    print(8571)
elif x == 8572:
    print(8572)
elif x == 8573:
    print(8573)
elif x == 8574:
    print(8574)
elif x == 8575:
    print(8575)
elif x == 8576:
    print(8576)
elif x == 8577:
    print(8577)
elif x == 8578:
    print(8578)
elif x == 8579:
    print(8579)
elif x == 8580:
    print(8580)
elif x == 8581:
    print(8581)
elif x == 8582:
    print(8582)
elif x == 8583:
    print(8583)
elif x == 8584:
    print(8584)
elif x == 8585:
    print(8585)
elif x == 8586:
    print(8586)
elif x == 8587:
    print(8587)
elif x == 8588:
    print(8588)
elif x == 8589:
    print(8589)
elif x == 8590:
    print(8590)
elif x == 8591:
    print(8591)
elif x == 8592:
    print(8592)
elif x == 8593:
    print(8593)
elif x == 8594:
    print(8594)
elif x == 8595:
    print(8595)
elif x == 8596:
    print(8596)
elif x == 8597:
    print(8597)
elif x == 8598:
    print(8598)
elif x == 8599:
    print(8599)
elif x == 8600:
    print(8600)
elif x == 8601:
    print(8601)
elif x == 8602:
    print(8602)
elif x == 8603:
    print(8603)
elif x == 8604:
    print(8604)
elif x == 8605:
    print(8605)
elif x == 8606:
    print(8606)
elif x == 8607:
    print(8607)
elif x == 8608:
    print(8608)
elif x == 8609:
    print(8609)
elif x == 8610:
    print(8610)
elif x == 8611:
    print(8611)
elif x == 8612:
    print(8612)
elif x == 8613:
    print(8613)
elif x == 8614:
    print(8614)
elif x == 8615:
    print(8615)
elif x == 8616:
    print(8616)
elif x == 8617:
    print(8617)
elif x == 8618:
    print(8618)
elif x == 8619:
    print(8619)
elif x == 8620:
    print(8620)
elif x == 8621:
    print(8621)
elif x == 8622:
    print(8622)
elif x == 8623:
    print(8623)
elif x == 8624:
    print(8624)
elif x == 8625:
    print(8625)
elif x == 8626:
    print(8626)
elif x == 8627:
    print(8627)
elif x == 8628:
    print(8628)
elif x == 8629:
    print(8629)
elif x == 8630:
    print(8630)
elif x == 8631:
    print(8631)
elif x == 8632:
    print(8632)
elif x == 8633:
    print(8633)
elif x == 8634:
    print(8634)
elif x == 8635:
    print(8635)
elif x == 8636:
    print(8636)
elif x == 8637:
    print(8637)
elif x == 8638:
    print(8638)
elif x == 8639:
    print(8639)
elif x == 8640:
    print(8640)
elif x == 8641:
    print(8641)
elif x == 8642:
    print(8642)
elif x == 8643:
    print(8643)
elif x == 8644:
    print(8644)
elif x == 8645:
    print(8645)
elif x == 8646:
    print(8646)
elif x == 8647:
    print(8647)
elif x == 8648:
    print(8648)
elif x == 8649:
    print(8649)
elif x == 8650:
    print(8650)
elif x == 8651:
    print(8651)
elif x == 8652:
    print(8652)
elif x == 8653:
    print(8653)
elif x == 8654:
    print(8654)
elif x == 8655:
    print(8655)
elif x == 8656:
    print(8656)
elif x == 8657:
    print(8657)
elif x == 8658:
    print(8658)
elif x == 8659:
    print(8659)
elif x == 8660:
    print(8660)
elif x == 8661:
    print(8661)
elif x == 8662:
    print(8662)
elif x == 8663:
    print(8663)
elif x == 8664:
    print(8664)
elif x == 8665:
    print(8665)
elif x == 8666:
    print(8666)
elif x == 8667:
    print(8667)
elif x == 8668:
    print(8668)
elif x == 8669:
    print(8669)
elif x == 8670:
    print(8670)
elif x == 8671:
    print(8671)
elif x == 8672:
    print(8672)
elif x == 8673:
    print(8673)
elif x == 8674:
    print(8674)
elif x == 8675:
    print(8675)
elif x == 8676:
    print(8676)
elif x == 8677:
    print(8677)
elif x == 8678:
    print(8678)
elif x == 8679:
    print(8679)
elif x == 8680:
    print(8680)
elif x == 8681:
    print(8681)
elif x == 8682:
    print(8682)
elif x == 8683:
    print(8683)
elif x == 8684:
    print(8684)
elif x == 8685:
    print(8685)
elif x == 8686:
    print(8686)
elif x == 8687:
    print(8687)
elif x == 8688:
    print(8688)
elif x == 8689:
    print(8689)
elif x == 8690:
    print(8690)
elif x == 8691:
    print(8691)
elif x == 8692:
    print(8692)
elif x == 8693:
    print(8693)
elif x == 8694:
    print(8694)
elif x == 8695:
    print(8695)
elif x == 8696:
    print(8696)
elif x == 8697:
    print(8697)
elif x == 8698:
    print(8698)
elif x == 8699:
    print(8699)
elif x == 8700:
    print(8700)
elif x == 8701:
    print(8701)
elif x == 8702:
    print(8702)
elif x == 8703:
    print(8703)
elif x == 8704:
    print(8704)
elif x == 8705:
    print(8705)
elif x == 8706:
    print(8706)
elif x == 8707:
    print(8707)
elif x == 8708:
    print(8708)
elif x == 8709:
    print(8709)
elif x == 8710:
    print(8710)
elif x == 8711:
    print(8711)
elif x == 8712:
    print(8712)
elif x == 8713:
    print(8713)
elif x == 8714:
    print(8714)
elif x == 8715:
    print(8715)
elif x == 8716:
    print(8716)
elif x == 8717:
    print(8717)
elif x == 8718:
    print(8718)
elif x == 8719:
    print(8719)
elif x == 8720:
    print(8720)
elif x == 8721:
    print(8721)
elif x == 8722:
    print(8722)
elif x == 8723:
    print(8723)
elif x == 8724:
    print(8724)
elif x == 8725:
    print(8725)
elif x == 8726:
    print(8726)
elif x == 8727:
    print(8727)
elif x == 8728:
    print(8728)
elif x == 8729:
    print(8729)
elif x == 8730:
    print(8730)
elif x == 8731:
    print(8731)
elif x == 8732:
    print(8732)
elif x == 8733:
    print(8733)
elif x == 8734:
    print(8734)
elif x == 8735:
    print(8735)
elif x == 8736:
    print(8736)
elif x == 8737:
    print(8737)
elif x == 8738:
    print(8738)
elif x == 8739:
    print(8739)
elif x == 8740:
    print(8740)
elif x == 8741:
    print(8741)
elif x == 8742:
    print(8742)
elif x == 8743:
    print(8743)
elif x == 8744:
    print(8744)
elif x == 8745:
    print(8745)
elif x == 8746:
    print(8746)
elif x == 8747:
    print(8747)
elif x == 8748:
    print(8748)
elif x == 8749:
    print(8749)
elif x == 8750:
    print(8750)
elif x == 8751:
    print(8751)
elif x == 8752:
    print(8752)
elif x == 8753:
    print(8753)
elif x == 8754:
    print(8754)
elif x == 8755:
    print(8755)
elif x == 8756:
    print(8756)
elif x == 8757:
    print(8757)
elif x == 8758:
    print(8758)
elif x == 8759:
    print(8759)
elif x == 8760:
    print(8760)
elif x == 8761:
    print(8761)
elif x == 8762:
    print(8762)
elif x == 8763:
    print(8763)
elif x == 8764:
    print(8764)
elif x == 8765:
    print(8765)
elif x == 8766:
    print(8766)
elif x == 8767:
    print(8767)
elif x == 8768:
    print(8768)
elif x == 8769:
    print(8769)
elif x == 8770:
    print(8770)
elif x == 8771:
    print(8771)
elif x == 8772:
    print(8772)
elif x == 8773:
    print(8773)
elif x == 8774:
    print(8774)
elif x == 8775:
    print(8775)
elif x == 8776:
    print(8776)
elif x == 8777:
    print(8777)
elif x == 8778:
    print(8778)
elif x == 8779:
    print(8779)
elif x == 8780:
    print(8780)
elif x == 8781:
    print(8781)
elif x == 8782:
    print(8782)
elif x == 8783:
    print(8783)
elif x == 8784:
    print(8784)
elif x == 8785:
    print(8785)
elif x == 8786:
    print(8786)
elif x == 8787:
    print(8787)
elif x == 8788:
    print(8788)
elif x == 8789:
    print(8789)
elif x == 8790:
    print(8790)
elif x == 8791:
    print(8791)
elif x == 8792:
    print(8792)
elif x == 8793:
    print(8793)
elif x == 8794:
    print(8794)
elif x == 8795:
    print(8795)
elif x == 8796:
    print(8796)
elif x == 8797:
    print(8797)
elif x == 8798:
    print(8798)
elif x == 8799:
    print(8799)
elif x == 8800:
    print(8800)
elif x == 8801:
    print(8801)
elif x == 8802:
    print(8802)
elif x == 8803:
    print(8803)
elif x == 8804:
    print(8804)
elif x == 8805:
    print(8805)
elif x == 8806:
    print(8806)
elif x == 8807:
    print(8807)
elif x == 8808:
    print(8808)
elif x == 8809:
    print(8809)
elif x == 8810:
    print(8810)
elif x == 8811:
    print(8811)
elif x == 8812:
    print(8812)
elif x == 8813:
    print(8813)
elif x == 8814:
    print(8814)
elif x == 8815:
    print(8815)
elif x == 8816:
    print(8816)
elif x == 8817:
    print(8817)
elif x == 8818:
    print(8818)
elif x == 8819:
    print(8819)
elif x == 8820:
    print(8820)
elif x == 8821:
    print(8821)
elif x == 8822:
    print(8822)
elif x == 8823:
    print(8823)
elif x == 8824:
    print(8824)
elif x == 8825:
    print(8825)
elif x == 8826:
    print(8826)
elif x == 8827:
    print(8827)
elif x == 8828:
    print(8828)
elif x == 8829:
    print(8829)
elif x == 8830:
    print(8830)
elif x == 8831:
    print(8831)
elif x == 8832:
    print(8832)
elif x == 8833:
    print(8833)
elif x == 8834:
    print(8834)
elif x == 8835:
    print(8835)
elif x == 8836:
    print(8836)
elif x == 8837:
    print(8837)
elif x == 8838:
    print(8838)
elif x == 8839:
    print(8839)
elif x == 8840:
    print(8840)
elif x == 8841:
    print(8841)
elif x == 8842:
    print(8842)
elif x == 8843:
    print(8843)
elif x == 8844:
    print(8844)
elif x == 8845:
    print(8845)
elif x == 8846:
    print(8846)
elif x == 8847:
    print(8847)
elif x == 8848:
    print(8848)
elif x == 8849:
    print(8849)
elif x == 8850:
    print(8850)
elif x == 8851:
    print(8851)
elif x == 8852:
    print(8852)
elif x == 8853:
    print(8853)
elif x == 8854:
    print(8854)
elif x == 8855:
    print(8855)
elif x == 8856:
    print(8856)
elif x == 8857:
    print(8857)
elif x == 8858:
    print(8858)
elif x == 8859:
    print(8859)
elif x == 8860:
    print(8860)
elif x == 8861:
    print(8861)
elif x == 8862:
    print(8862)
elif x == 8863:
    print(8863)
elif x == 8864:
    print(8864)
elif x == 8865:
    print(8865)
elif x == 8866:
    print(8866)
elif x == 8867:
    print(8867)
elif x == 8868:
    print(8868)
elif x == 8869:
    print(8869)
elif x == 8870:
    print(8870)
elif x == 8871:
    print(8871)
elif x == 8872:
    print(8872)
elif x == 8873:
    print(8873)
elif x == 8874:
    print(8874)
elif x == 8875:
    print(8875)
elif x == 8876:
    print(8876)
elif x == 8877:
    print(8877)
elif x == 8878:
    print(8878)
elif x == 8879:
    print(8879)
elif x == 8880:
    print(8880)
elif x == 8881:
    print(8881)
elif x == 8882:
    print(8882)
elif x == 8883:
    print(8883)
elif x == 8884:
    print(8884)
elif x == 8885:
    print(8885)
elif x == 8886:
    print(8886)
elif x == 8887:
    print(8887)
elif x == 8888:
    print(8888)
elif x == 8889:
    print(8889)
elif x == 8890:
    print(8890)
elif x == 8891:
    print(8891)
elif x == 8892:
    print(8892)
elif x == 8893:
    print(8893)
elif x == 8894:
    print(8894)
elif x == 8895:
    print(8895)
elif x == 8896:
    print(8896)
elif x == 8897:
    print(8897)
elif x == 8898:
    print(8898)
elif x == 8899:
    print(8899)
elif x == 8900:
    print(8900)
elif x == 8901:
    print(8901)
elif x == 8902:
    print(8902)
elif x == 8903:
    print(8903)
elif x == 8904:
    print(8904)
elif x == 8905:
    print(8905)
elif x == 8906:
    print(8906)
elif x == 8907:
    print(8907)
elif x == 8908:
    print(8908)
elif x == 8909:
    print(8909)
elif x == 8910:
    print(8910)
elif x == 8911:
    print(8911)
elif x == 8912:
    print(8912)
elif x == 8913:
    print(8913)
elif x == 8914:
    print(8914)
elif x == 8915:
    print(8915)
elif x == 8916:
    print(8916)
elif x == 8917:
    print(8917)
elif x == 8918:
    print(8918)
elif x == 8919:
    print(8919)
elif x == 8920:
    print(8920)
elif x == 8921:
    print(8921)
elif x == 8922:
    print(8922)
elif x == 8923:
    print(8923)
elif x == 8924:
    print(8924)
elif x == 8925:
    print(8925)
elif x == 8926:
    print(8926)
elif x == 8927:
    print(8927)
elif x == 8928:
    print(8928)
elif x == 8929:
    print(8929)
elif x == 8930:
    print(8930)
elif x == 8931:
    print(8931)
elif x == 8932:
    print(8932)
elif x == 8933:
    print(8933)
elif x == 8934:
    print(8934)
elif x == 8935:
    print(8935)
elif x == 8936:
    print(8936)
elif x == 8937:
    print(8937)
elif x == 8938:
    print(8938)
elif x == 8939:
    print(8939)
elif x == 8940:
    print(8940)
elif x == 8941:
    print(8941)
elif x == 8942:
    print(8942)
elif x == 8943:
    print(8943)
elif x == 8944:
    print(8944)
elif x == 8945:
    print(8945)
elif x == 8946:
    print(8946)
elif x == 8947:
    print(8947)
elif x == 8948:
    print(8948)
elif x == 8949:
    print(8949)
elif x == 8950:
    print(8950)
elif x == 8951:
    print(8951)
elif x == 8952:
    print(8952)
elif x == 8953:
    print(8953)
elif x == 8954:
    print(8954)
elif x == 8955:
    print(8955)
elif x == 8956:
    print(8956)
elif x == 8957:
    print(8957)
elif x == 8958:
    print(8958)
elif x == 8959:
    print(8959)
elif x == 8960:
    print(8960)
elif x == 8961:
    print(8961)
elif x == 8962:
    print(8962)
elif x == 8963:
    print(8963)
elif x == 8964:
    print(8964)
elif x == 8965:
    print(8965)
elif x == 8966:
    print(8966)
elif x == 8967:
    print(8967)
elif x == 8968:
    print(8968)
elif x == 8969:
    print(8969)
elif x == 8970:
    print(8970)
elif x == 8971:
    print(8971)
elif x == 8972:
    print(8972)
elif x == 8973:
    print(8973)
elif x == 8974:
    print(8974)
elif x == 8975:
    print(8975)
elif x == 8976:
    print(8976)
elif x == 8977:
    print(8977)
elif x == 8978:
    print(8978)
elif x == 8979:
    print(8979)
elif x == 8980:
    print(8980)
elif x == 8981:
    print(8981)
elif x == 8982:
    print(8982)
elif x == 8983:
    print(8983)
elif x == 8984:
    print(8984)
elif x == 8985:
    print(8985)
elif x == 8986:
    print(8986)
elif x == 8987:
    print(8987)
elif x == 8988:
    print(8988)
elif x == 8989:
    print(8989)
elif x == 8990:
    print(8990)
elif x == 8991:
    print(8991)
elif x == 8992:
    print(8992)
elif x == 8993:
    print(8993)
elif x == 8994:
    print(8994)
elif x == 8995:
    print(8995)
elif x == 8996:
    print(8996)
elif x == 8997:
    print(8997)
elif x == 8998:
    print(8998)
elif x == 8999:
    print(8999)
elif x == 9000:
    print(9000)
elif x == 9001:
    print(9001)
elif x == 9002:
    print(9002)
elif x == 9003:
    print(9003)
elif x == 9004:
    print(9004)
elif x == 9005:
    print(9005)
elif x == 9006:
    print(9006)
elif x == 9007:
    print(9007)
elif x == 9008:
    print(9008)
elif x == 9009:
    print(9009)
elif x == 9010:
    print(9010)
elif x == 9011:
    print(9011)
elif x == 9012:
    print(9012)
elif x == 9013:
    print(9013)
elif x == 9014:
    print(9014)
elif x == 9015:
    print(9015)
elif x == 9016:
    print(9016)
elif x == 9017:
    print(9017)
elif x == 9018:
    print(9018)
elif x == 9019:
    print(9019)
elif x == 9020:
    print(9020)
elif x == 9021:
    print(9021)
elif x == 9022:
    print(9022)
elif x == 9023:
    print(9023)
elif x == 9024:
    print(9024)
elif x == 9025:
    print(9025)
elif x == 9026:
    print(9026)
elif x == 9027:
    print(9027)
elif x == 9028:
    print(9028)
elif x == 9029:
    print(9029)
elif x == 9030:
    print(9030)
elif x == 9031:
    print(9031)
elif x == 9032:
    print(9032)
elif x == 9033:
    print(9033)
elif x == 9034:
    print(9034)
elif x == 9035:
    print(9035)
elif x == 9036:
    print(9036)
elif x == 9037:
    print(9037)
elif x == 9038:
    print(9038)
elif x == 9039:
    print(9039)
elif x == 9040:
    print(9040)
elif x == 9041:
    print(9041)
elif x == 9042:
    print(9042)
elif x == 9043:
    print(9043)
elif x == 9044:
    print(9044)
elif x == 9045:
    print(9045)
elif x == 9046:
    print(9046)
elif x == 9047:
    print(9047)
elif x == 9048:
    print(9048)
elif x == 9049:
    print(9049)
elif x == 9050:
    print(9050)
elif x == 9051:
    print(9051)
elif x == 9052:
    print(9052)
elif x == 9053:
    print(9053)
elif x == 9054:
    print(9054)
elif x == 9055:
    print(9055)
elif x == 9056:
    print(9056)
elif x == 9057:
    print(9057)
elif x == 9058:
    print(9058)
elif x == 9059:
    print(9059)
elif x == 9060:
    print(9060)
elif x == 9061:
    print(9061)
elif x == 9062:
    print(9062)
elif x == 9063:
    print(9063)
elif x == 9064:
    print(9064)
elif x == 9065:
    print(9065)
elif x == 9066:
    print(9066)
elif x == 9067:
    print(9067)
elif x == 9068:
    print(9068)
elif x == 9069:
    print(9069)
elif x == 9070:
    print(9070)
elif x == 9071:
    print(9071)
elif x == 9072:
    print(9072)
elif x == 9073:
    print(9073)
elif x == 9074:
    print(9074)
elif x == 9075:
    print(9075)
elif x == 9076:
    print(9076)
elif x == 9077:
    print(9077)
elif x == 9078:
    print(9078)
elif x == 9079:
    print(9079)
elif x == 9080:
    print(9080)
elif x == 9081:
    print(9081)
elif x == 9082:
    print(9082)
elif x == 9083:
    print(9083)
elif x == 9084:
    print(9084)
elif x == 9085:
    print(9085)
elif x == 9086:
    print(9086)
elif x == 9087:
    print(9087)
elif x == 9088:
    print(9088)
elif x == 9089:
    print(9089)
elif x == 9090:
    print(9090)
elif x == 9091:
    print(9091)
elif x == 9092:
    print(9092)
elif x == 9093:
    print(9093)
elif x == 9094:
    print(9094)
elif x == 9095:
    print(9095)
elif x == 9096:
    print(9096)
elif x == 9097:
    print(9097)
elif x == 9098:
    print(9098)
elif x == 9099:
    print(9099)
elif x == 9100:
    print(9100)
elif x == 9101:
    print(9101)
elif x == 9102:
    print(9102)
elif x == 9103:
    print(9103)
elif x == 9104:
    print(9104)
elif x == 9105:
    print(9105)
elif x == 9106:
    print(9106)
elif x == 9107:
    print(9107)
elif x == 9108:
    print(9108)
elif x == 9109:
    print(9109)
elif x == 9110:
    print(9110)
elif x == 9111:
    print(9111)
elif x == 9112:
    print(9112)
elif x == 9113:
    print(9113)
elif x == 9114:
    print(9114)
elif x == 9115:
    print(9115)
elif x == 9116:
    print(9116)
elif x == 9117:
    print(9117)
elif x == 9118:
    print(9118)
elif x == 9119:
    print(9119)
elif x == 9120:
    print(9120)
elif x == 9121:
    print(9121)
elif x == 9122:
    print(9122)
elif x == 9123:
    print(9123)
elif x == 9124:
    print(9124)
elif x == 9125:
    print(9125)
elif x == 9126:
    print(9126)
elif x == 9127:
    print(9127)
elif x == 9128:
    print(9128)
elif x == 9129:
    print(9129)
elif x == 9130:
    print(9130)
elif x == 9131:
    print(9131)
elif x == 9132:
    print(9132)
elif x == 9133:
    print(9133)
elif x == 9134:
    print(9134)
elif x == 9135:
    print(9135)
elif x == 9136:
    print(9136)
elif x == 9137:
    print(9137)
elif x == 9138:
    print(9138)
elif x == 9139:
    print(9139)
elif x == 9140:
    print(9140)
elif x == 9141:
    print(9141)
elif x == 9142:
    print(9142)
elif x == 9143:
    print(9143)
elif x == 9144:
    print(9144)
elif x == 9145:
    print(9145)
elif x == 9146:
    print(9146)
elif x == 9147:
    print(9147)
elif x == 9148:
    print(9148)
elif x == 9149:
    print(9149)
elif x == 9150:
    print(9150)
elif x == 9151:
    print(9151)
elif x == 9152:
    print(9152)
elif x == 9153:
    print(9153)
elif x == 9154:
    print(9154)
elif x == 9155:
    print(9155)
elif x == 9156:
    print(9156)
elif x == 9157:
    print(9157)
elif x == 9158:
    print(9158)
elif x == 9159:
    print(9159)
elif x == 9160:
    print(9160)
elif x == 9161:
    print(9161)
elif x == 9162:
    print(9162)
elif x == 9163:
    print(9163)
elif x == 9164:
    print(9164)
elif x == 9165:
    print(9165)
elif x == 9166:
    print(9166)
elif x == 9167:
    print(9167)
elif x == 9168:
    print(9168)
elif x == 9169:
    print(9169)
elif x == 9170:
    print(9170)
elif x == 9171:
    print(9171)
elif x == 9172:
    print(9172)
elif x == 9173:
    print(9173)
elif x == 9174:
    print(9174)
elif x == 9175:
    print(9175)
elif x == 9176:
    print(9176)
elif x == 9177:
    print(9177)
elif x == 9178:
    print(9178)
elif x == 9179:
    print(9179)
elif x == 9180:
    print(9180)
elif x == 9181:
    print(9181)
elif x == 9182:
    print(9182)
elif x == 9183:
    print(9183)
elif x == 9184:
    print(9184)
elif x == 9185:
    print(9185)
elif x == 9186:
    print(9186)
elif x == 9187:
    print(9187)
elif x == 9188:
    print(9188)
elif x == 9189:
    print(9189)
elif x == 9190:
    print(9190)
elif x == 9191:
    print(9191)
elif x == 9192:
    print(9192)
elif x == 9193:
    print(9193)
elif x == 9194:
    print(9194)
elif x == 9195:
    print(9195)
elif x == 9196:
    print(9196)
elif x == 9197:
    print(9197)
elif x == 9198:
    print(9198)
elif x == 9199:
    print(9199)
elif x == 9200:
    print(9200)
elif x == 9201:
    print(9201)
elif x == 9202:
    print(9202)
elif x == 9203:
    print(9203)
elif x == 9204:
    print(9204)
elif x == 9205:
    print(9205)
elif x == 9206:
    print(9206)
elif x == 9207:
    print(9207)
elif x == 9208:
    print(9208)
elif x == 9209:
    print(9209)
elif x == 9210:
    print(9210)
elif x == 9211:
    print(9211)
elif x == 9212:
    print(9212)
elif x == 9213:
    print(9213)
elif x == 9214:
    print(9214)
elif x == 9215:
    print(9215)
elif x == 9216:
    print(9216)
elif x == 9217:
    print(9217)
elif x == 9218:
    print(9218)
elif x == 9219:
    print(9219)
elif x == 9220:
    print(9220)
elif x == 9221:
    print(9221)
elif x == 9222:
    print(9222)
elif x == 9223:
    print(9223)
elif x == 9224:
    print(9224)
elif x == 9225:
    print(9225)
elif x == 9226:
    print(9226)
elif x == 9227:
    print(9227)
elif x == 9228:
    print(9228)
elif x == 9229:
    print(9229)
elif x == 9230:
    print(9230)
elif x == 9231:
    print(9231)
elif x == 9232:
    print(9232)
elif x == 9233:
    print(9233)
elif x == 9234:
    print(9234)
elif x == 9235:
    print(9235)
elif x == 9236:
    print(9236)
elif x == 9237:
    print(9237)
elif x == 9238:
    print(9238)
elif x == 9239:
    print(9239)
elif x == 9240:
    print(9240)
elif x == 9241:
    print(9241)
elif x == 9242:
    print(9242)
elif x == 9243:
    print(9243)
elif x == 9244:
    print(9244)
elif x == 9245:
    print(9245)
elif x == 9246:
    print(9246)
elif x == 9247:
    print(9247)
elif x == 9248:
    print(9248)
elif x == 9249:
    print(9249)
elif x == 9250:
    print(9250)
elif x == 9251:
    print(9251)
elif x == 9252:
    print(9252)
elif x == 9253:
    print(9253)
elif x == 9254:
    print(9254)
elif x == 9255:
    print(9255)
elif x == 9256:
    print(9256)
elif x == 9257:
    print(9257)
elif x == 9258:
    print(9258)
elif x == 9259:
    print(9259)
elif x == 9260:
    print(9260)
elif x == 9261:
    print(9261)
elif x == 9262:
    print(9262)
elif x == 9263:
    print(9263)
elif x == 9264:
    print(9264)
elif x == 9265:
    print(9265)
elif x == 9266:
    print(9266)
elif x == 9267:
    print(9267)
elif x == 9268:
    print(9268)
elif x == 9269:
    print(9269)
elif x == 9270:
    print(9270)
elif x == 9271:
    print(9271)
elif x == 9272:
    print(9272)
elif x == 9273:
    print(9273)
elif x == 9274:
    print(9274)
elif x == 9275:
    print(9275)
elif x == 9276:
    print(9276)
elif x == 9277:
    print(9277)
elif x == 9278:
    print(9278)
elif x == 9279:
    print(9279)
elif x == 9280:
    print(9280)
elif x == 9281:
    print(9281)
elif x == 9282:
    print(9282)
elif x == 9283:
    print(9283)
elif x == 9284:
    print(9284)
elif x == 9285:
    print(9285)
elif x == 9286:
    print(9286)
elif x == 9287:
    print(9287)
elif x == 9288:
    print(9288)
elif x == 9289:
    print(9289)
elif x == 9290:
    print(9290)
elif x == 9291:
    print(9291)
elif x == 9292:
    print(9292)
elif x == 9293:
    print(9293)
elif x == 9294:
    print(9294)
elif x == 9295:
    print(9295)
elif x == 9296:
    print(9296)
elif x == 9297:
    print(9297)
elif x == 9298:
    print(9298)
elif x == 9299:
    print(9299)
elif x == 9300:
    print(9300)
elif x == 9301:
    print(9301)
elif x == 9302:
    print(9302)
elif x == 9303:
    print(9303)
elif x == 9304:
    print(9304)
elif x == 9305:
    print(9305)
elif x == 9306:
    print(9306)
elif x == 9307:
    print(9307)
elif x == 9308:
    print(9308)
elif x == 9309:
    print(9309)
elif x == 9310:
    print(9310)
elif x == 9311:
    print(9311)
elif x == 9312:
    print(9312)
elif x == 9313:
    print(9313)
elif x == 9314:
    print(9314)
elif x == 9315:
    print(9315)
elif x == 9316:
    print(9316)
elif x == 9317:
    print(9317)
elif x == 9318:
    print(9318)
elif x == 9319:
    print(9319)
elif x == 9320:
    print(9320)
elif x == 9321:
    print(9321)
elif x == 9322:
    print(9322)
elif x == 9323:
    print(9323)
elif x == 9324:
    print(9324)
elif x == 9325:
    print(9325)
elif x == 9326:
    print(9326)
elif x == 9327:
    print(9327)
elif x == 9328:
    print(9328)
elif x == 9329:
    print(9329)
elif x == 9330:
    print(9330)
elif x == 9331:
    print(9331)
elif x == 9332:
    print(9332)
elif x == 9333:
    print(9333)
elif x == 9334:
    print(9334)
elif x == 9335:
    print(9335)
elif x == 9336:
    print(9336)
elif x == 9337:
    print(9337)
elif x == 9338:
    print(9338)
elif x == 9339:
    print(9339)
elif x == 9340:
    print(9340)
elif x == 9341:
    print(9341)
elif x == 9342:
    print(9342)
elif x == 9343:
    print(9343)
elif x == 9344:
    print(9344)
elif x == 9345:
    print(9345)
elif x == 9346:
    print(9346)
elif x == 9347:
    print(9347)
elif x == 9348:
    print(9348)
elif x == 9349:
    print(9349)
elif x == 9350:
    print(9350)
elif x == 9351:
    print(9351)
elif x == 9352:
    print(9352)
elif x == 9353:
    print(9353)
elif x == 9354:
    print(9354)
elif x == 9355:
    print(9355)
elif x == 9356:
    print(9356)
elif x == 9357:
    print(9357)
elif x == 9358:
    print(9358)
elif x == 9359:
    print(9359)
elif x == 9360:
    print(9360)
elif x == 9361:
    print(9361)
elif x == 9362:
    print(9362)
elif x == 9363:
    print(9363)
elif x == 9364:
    print(9364)
elif x == 9365:
    print(9365)
elif x == 9366:
    print(9366)
elif x == 9367:
    print(9367)
elif x == 9368:
    print(9368)
elif x == 9369:
    print(9369)
elif x == 9370:
    print(9370)
elif x == 9371:
    print(9371)
elif x == 9372:
    print(9372)
elif x == 9373:
    print(9373)
elif x == 9374:
    print(9374)
elif x == 9375:
    print(9375)
elif x == 9376:
    print(9376)
elif x == 9377:
    print(9377)
elif x == 9378:
    print(9378)
elif x == 9379:
    print(9379)
elif x == 9380:
    print(9380)
elif x == 9381:
    print(9381)
elif x == 9382:
    print(9382)
elif x == 9383:
    print(9383)
elif x == 9384:
    print(9384)
elif x == 9385:
    print(9385)
elif x == 9386:
    print(9386)
elif x == 9387:
    print(9387)
elif x == 9388:
    print(9388)
elif x == 9389:
    print(9389)
elif x == 9390:
    print(9390)
elif x == 9391:
    print(9391)
elif x == 9392:
    print(9392)
elif x == 9393:
    print(9393)
elif x == 9394:
    print(9394)
elif x == 9395:
    print(9395)
elif x == 9396:
    print(9396)
elif x == 9397:
    print(9397)
elif x == 9398:
    print(9398)
elif x == 9399:
    print(9399)
elif x == 9400:
    print(9400)
elif x == 9401:
    print(9401)
elif x == 9402:
    print(9402)
elif x == 9403:
    print(9403)
elif x == 9404:
    print(9404)
elif x == 9405:
    print(9405)
elif x == 9406:
    print(9406)
elif x == 9407:
    print(9407)
elif x == 9408:
    print(9408)
elif x == 9409:
    print(9409)
elif x == 9410:
    print(9410)
elif x == 9411:
    print(9411)
elif x == 9412:
    print(9412)
elif x == 9413:
    print(9413)
elif x == 9414:
    print(9414)
elif x == 9415:
    print(9415)
elif x == 9416:
    print(9416)
elif x == 9417:
    print(9417)
elif x == 9418:
    print(9418)
elif x == 9419:
    print(9419)
elif x == 9420:
    print(9420)
elif x == 9421:
    print(9421)
elif x == 9422:
    print(9422)
elif x == 9423:
    print(9423)
elif x == 9424:
    print(9424)
elif x == 9425:
    print(9425)
elif x == 9426:
    print(9426)
elif x == 9427:
    print(9427)
elif x == 9428:
    print(9428)
elif x == 9429:
    print(9429)
elif x == 9430:
    print(9430)
elif x == 9431:
    print(9431)
elif x == 9432:
    print(9432)
elif x == 9433:
    print(9433)
elif x == 9434:
    print(9434)
elif x == 9435:
    print(9435)
elif x == 9436:
    print(9436)
elif x == 9437:
    print(9437)
elif x == 9438:
    print(9438)
elif x == 9439:
    print(9439)
elif x == 9440:
    print(9440)
elif x == 9441:
    print(9441)
elif x == 9442:
    print(9442)
elif x == 9443:
    print(9443)
elif x == 9444:
    print(9444)
elif x == 9445:
    print(9445)
elif x == 9446:
    print(9446)
elif x == 9447:
    print(9447)
elif x == 9448:
    print(9448)
elif x == 9449:
    print(9449)
elif x == 9450:
    print(9450)
elif x == 9451:
    print(9451)
elif x == 9452:
    print(9452)
elif x == 9453:
    print(9453)
elif x == 9454:
    print(9454)
elif x == 9455:
    print(9455)
elif x == 9456:
    print(9456)
elif x == 9457:
    print(9457)
elif x == 9458:
    print(9458)
elif x == 9459:
    print(9459)
elif x == 9460:
    print(9460)
elif x == 9461:
    print(9461)
elif x == 9462:
    print(9462)
elif x == 9463:
    print(9463)
elif x == 9464:
    print(9464)
elif x == 9465:
    print(9465)
elif x == 9466:
    print(9466)
elif x == 9467:
    print(9467)
elif x == 9468:
    print(9468)
elif x == 9469:
    print(9469)
elif x == 9470:
    print(9470)
elif x == 9471:
    print(9471)
elif x == 9472:
    print(9472)
elif x == 9473:
    print(9473)
elif x == 9474:
    print(9474)
elif x == 9475:
    print(9475)
elif x == 9476:
    print(9476)
elif x == 9477:
    print(9477)
elif x == 9478:
    print(9478)
elif x == 9479:
    print(9479)
elif x == 9480:
    print(9480)
elif x == 9481:
    print(9481)
elif x == 9482:
    print(9482)
elif x == 9483:
    print(9483)
elif x == 9484:
    print(9484)
elif x == 9485:
    print(9485)
elif x == 9486:
    print(9486)
elif x == 9487:
    print(9487)
elif x == 9488:
    print(9488)
elif x == 9489:
    print(9489)
elif x == 9490:
    print(9490)
elif x == 9491:
    print(9491)
elif x == 9492:
    print(9492)
elif x == 9493:
    print(9493)
elif x == 9494:
    print(9494)
elif x == 9495:
    print(9495)
elif x == 9496:
    print(9496)
elif x == 9497:
    print(9497)
elif x == 9498:
    print(9498)
elif x == 9499:
    print(9499)
elif x == 9500:
    print(9500)
elif x == 9501:
    print(9501)
elif x == 9502:
    print(9502)
elif x == 9503:
    print(9503)
elif x == 9504:
    print(9504)
elif x == 9505:
    print(9505)
elif x == 9506:
    print(9506)
elif x == 9507:
    print(9507)
elif x == 9508:
    print(9508)
elif x == 9509:
    print(9509)
elif x == 9510:
    print(9510)
elif x == 9511:
    print(9511)
elif x == 9512:
    print(9512)
elif x == 9513:
    print(9513)
elif x == 9514:
    print(9514)
elif x == 9515:
    print(9515)
elif x == 9516:
    print(9516)
elif x == 9517:
    print(9517)
elif x == 9518:
    print(9518)
elif x == 9519:
    print(9519)
elif x == 9520:
    print(9520)
elif x == 9521:
    print(9521)
elif x == 9522:
    print(9522)
elif x == 9523:
    print(9523)
elif x == 9524:
    print(9524)
elif x == 9525:
    print(9525)
elif x == 9526:
    print(9526)
elif x == 9527:
    print(9527)
elif x == 9528:
    print(9528)
elif x == 9529:
    print(9529)
elif x == 9530:
    print(9530)
elif x == 9531:
    print(9531)
elif x == 9532:
    print(9532)
elif x == 9533:
    print(9533)
elif x == 9534:
    print(9534)
elif x == 9535:
    print(9535)
elif x == 9536:
    print(9536)
elif x == 9537:
    print(9537)
elif x == 9538:
    print(9538)
elif x == 9539:
    print(9539)
elif x == 9540:
    print(9540)
elif x == 9541:
    print(9541)
elif x == 9542:
    print(9542)
elif x == 9543:
    print(9543)
elif x == 9544:
    print(9544)
elif x == 9545:
    print(9545)
elif x == 9546:
    print(9546)
elif x == 9547:
    print(9547)
elif x == 9548:
    print(9548)
elif x == 9549:
    print(9549)
elif x == 9550:
    print(9550)
elif x == 9551:
    print(9551)
elif x == 9552:
    print(9552)
elif x == 9553:
    print(9553)
elif x == 9554:
    print(9554)
elif x == 9555:
    print(9555)
elif x == 9556:
    print(9556)
elif x == 9557:
    print(9557)
elif x == 9558:
    print(9558)
elif x == 9559:
    print(9559)
elif x == 9560:
    print(9560)
elif x == 9561:
    print(9561)
elif x == 9562:
    print(9562)
elif x == 9563:
    print(9563)
elif x == 9564:
    print(9564)
elif x == 9565:
    print(9565)
elif x == 9566:
    print(9566)
elif x == 9567:
    print(9567)
elif x == 9568:
    print(9568)
elif x == 9569:
    print(9569)
elif x == 9570:
    print(9570)
elif x == 9571:
    print(9571)
elif x == 9572:
    print(9572)
elif x == 9573:
    print(9573)
elif x == 9574:
    print(9574)
elif x == 9575:
    print(9575)
elif x == 9576:
    print(9576)
elif x == 9577:
    print(9577)
elif x == 9578:
    print(9578)
elif x == 9579:
    print(9579)
elif x == 9580:
    print(9580)
elif x == 9581:
    print(9581)
elif x == 9582:
    print(9582)
elif x == 9583:
    print(9583)
elif x == 9584:
    print(9584)
elif x == 9585:
    print(9585)
elif x == 9586:
    print(9586)
elif x == 9587:
    print(9587)
elif x == 9588:
    print(9588)
elif x == 9589:
    print(9589)
elif x == 9590:
    print(9590)
elif x == 9591:
    print(9591)
elif x == 9592:
    print(9592)
elif x == 9593:
    print(9593)
elif x == 9594:
    print(9594)
elif x == 9595:
    print(9595)
elif x == 9596:
    print(9596)
elif x == 9597:
    print(9597)
elif x == 9598:
    print(9598)
elif x == 9599:
    print(9599)
elif x == 9600:
    print(9600)
elif x == 9601:
    print(9601)
elif x == 9602:
    print(9602)
elif x == 9603:
    print(9603)
elif x == 9604:
    print(9604)
elif x == 9605:
    print(9605)
elif x == 9606:
    print(9606)
elif x == 9607:
    print(9607)
elif x == 9608:
    print(9608)
elif x == 9609:
    print(9609)
elif x == 9610:
    print(9610)
elif x == 9611:
    print(9611)
elif x == 9612:
    print(9612)
elif x == 9613:
    print(9613)
elif x == 9614:
    print(9614)
elif x == 9615:
    print(9615)
elif x == 9616:
    print(9616)
elif x == 9617:
    print(9617)
elif x == 9618:
    print(9618)
elif x == 9619:
    print(9619)
elif x == 9620:
    print(9620)
elif x == 9621:
    print(9621)
elif x == 9622:
    print(9622)
elif x == 9623:
    print(9623)
elif x == 9624:
    print(9624)
elif x == 9625:
    print(9625)
elif x == 9626:
    print(9626)
elif x == 9627:
    print(9627)
elif x == 9628:
    print(9628)
elif x == 9629:
    print(9629)
elif x == 9630:
    print(9630)
elif x == 9631:
    print(9631)
elif x == 9632:
    print(9632)
elif x == 9633:
    print(9633)
elif x == 9634:
    print(9634)
elif x == 9635:
    print(9635)
elif x == 9636:
    print(9636)
elif x == 9637:
    print(9637)
elif x == 9638:
    print(9638)
elif x == 9639:
    print(9639)
elif x == 9640:
    print(9640)
elif x == 9641:
    print(9641)
elif x == 9642:
    print(9642)
elif x == 9643:
    print(9643)
elif x == 9644:
    print(9644)
elif x == 9645:
    print(9645)
elif x == 9646:
    print(9646)
elif x == 9647:
    print(9647)
elif x == 9648:
    print(9648)
elif x == 9649:
    print(9649)
elif x == 9650:
    print(9650)
elif x == 9651:
    print(9651)
elif x == 9652:
    print(9652)
elif x == 9653:
    print(9653)
elif x == 9654:
    print(9654)
elif x == 9655:
    print(9655)
elif x == 9656:
    print(9656)
elif x == 9657:
    print(9657)
elif x == 9658:
    print(9658)
elif x == 9659:
    print(9659)
elif x == 9660:
    print(9660)
elif x == 9661:
    print(9661)
elif x == 9662:
    print(9662)
elif x == 9663:
    print(9663)
elif x == 9664:
    print(9664)
elif x == 9665:
    print(9665)
elif x == 9666:
    print(9666)
elif x == 9667:
    print(9667)
elif x == 9668:
    print(9668)
elif x == 9669:
    print(9669)
elif x == 9670:
    print(9670)
elif x == 9671:
    print(9671)
elif x == 9672:
    print(9672)
elif x == 9673:
    print(9673)
elif x == 9674:
    print(9674)
elif x == 9675:
    print(9675)
elif x == 9676:
    print(9676)
elif x == 9677:
    print(9677)
elif x == 9678:
    print(9678)
elif x == 9679:
    print(9679)
elif x == 9680:
    print(9680)
elif x == 9681:
    print(9681)
elif x == 9682:
    print(9682)
elif x == 9683:
    print(9683)
elif x == 9684:
    print(9684)
elif x == 9685:
    print(9685)
elif x == 9686:
    print(9686)
elif x == 9687:
    print(9687)
elif x == 9688:
    print(9688)
elif x == 9689:
    print(9689)
elif x == 9690:
    print(9690)
elif x == 9691:
    print(9691)
elif x == 9692:
    print(9692)
elif x == 9693:
    print(9693)
elif x == 9694:
    print(9694)
elif x == 9695:
    print(9695)
elif x == 9696:
    print(9696)
elif x == 9697:
    print(9697)
elif x == 9698:
    print(9698)
elif x == 9699:
    print(9699)
elif x == 9700:
    print(9700)
elif x == 9701:
    print(9701)
elif x == 9702:
    print(9702)
elif x == 9703:
    print(9703)
elif x == 9704:
    print(9704)
elif x == 9705:
    print(9705)
elif x == 9706:
    print(9706)
elif x == 9707:
    print(9707)
elif x == 9708:
    print(9708)
elif x == 9709:
    print(9709)
elif x == 9710:
    print(9710)
elif x == 9711:
    print(9711)
elif x == 9712:
    print(9712)
elif x == 9713:
    print(9713)
elif x == 9714:
    print(9714)
elif x == 9715:
    print(9715)
elif x == 9716:
    print(9716)
elif x == 9717:
    print(9717)
elif x == 9718:
    print(9718)
elif x == 9719:
    print(9719)
elif x == 9720:
    print(9720)
elif x == 9721:
    print(9721)
elif x == 9722:
    print(9722)
elif x == 9723:
    print(9723)
elif x == 9724:
    print(9724)
elif x == 9725:
    print(9725)
elif x == 9726:
    print(9726)
elif x == 9727:
    print(9727)
elif x == 9728:
    print(9728)
elif x == 9729:
    print(9729)
elif x == 9730:
    print(9730)
elif x == 9731:
    print(9731)
elif x == 9732:
    print(9732)
elif x == 9733:
    print(9733)
elif x == 9734:
    print(9734)
elif x == 9735:
    print(9735)
elif x == 9736:
    print(9736)
elif x == 9737:
    print(9737)
elif x == 9738:
    print(9738)
elif x == 9739:
    print(9739)
elif x == 9740:
    print(9740)
elif x == 9741:
    print(9741)
elif x == 9742:
    print(9742)
elif x == 9743:
    print(9743)
elif x == 9744:
    print(9744)
elif x == 9745:
    print(9745)
elif x == 9746:
    print(9746)
elif x == 9747:
    print(9747)
elif x == 9748:
    print(9748)
elif x == 9749:
    print(9749)
elif x == 9750:
    print(9750)
elif x == 9751:
    print(9751)
elif x == 9752:
    print(9752)
elif x == 9753:
    print(9753)
elif x == 9754:
    print(9754)
elif x == 9755:
    print(9755)
elif x == 9756:
    print(9756)
elif x == 9757:
    print(9757)
elif x == 9758:
    print(9758)
elif x == 9759:
    print(9759)
elif x == 9760:
    print(9760)
elif x == 9761:
    print(9761)
elif x == 9762:
    print(9762)
elif x == 9763:
    print(9763)
elif x == 9764:
    print(9764)
elif x == 9765:
    print(9765)
elif x == 9766:
    print(9766)
elif x == 9767:
    print(9767)
elif x == 9768:
    print(9768)
elif x == 9769:
    print(9769)
elif x == 9770:
    print(9770)
elif x == 9771:
    print(9771)
elif x == 9772:
    print(9772)
elif x == 9773:
    print(9773)
elif x == 9774:
    print(9774)
elif x == 9775:
    print(9775)
elif x == 9776:
    print(9776)
elif x == 9777:
    print(9777)
elif x == 9778:
    print(9778)
elif x == 9779:
    print(9779)
elif x == 9780:
    print(9780)
elif x == 9781:
    print(9781)
elif x == 9782:
    print(9782)
elif x == 9783:
    print(9783)
elif x == 9784:
    print(9784)
elif x == 9785:
    print(9785)
elif x == 9786:
    print(9786)
elif x == 9787:
    print(9787)
elif x == 9788:
    print(9788)
elif x == 9789:
    print(9789)
elif x == 9790:
    print(9790)
elif x == 9791:
    print(9791)
elif x == 9792:
    print(9792)
elif x == 9793:
    print(9793)
elif x == 9794:
    print(9794)
elif x == 9795:
    print(9795)
elif x == 9796:
    print(9796)
elif x == 9797:
    print(9797)
elif x == 9798:
    print(9798)
elif x == 9799:
    print(9799)
elif x == 9800:
    print(9800)
elif x == 9801:
    print(9801)
elif x == 9802:
    print(9802)
elif x == 9803:
    print(9803)
elif x == 9804:
    print(9804)
elif x == 9805:
    print(9805)
elif x == 9806:
    print(9806)
elif x == 9807:
    print(9807)
elif x == 9808:
    print(9808)
elif x == 9809:
    print(9809)
elif x == 9810:
    print(9810)
elif x == 9811:
    print(9811)
elif x == 9812:
    print(9812)
elif x == 9813:
    print(9813)
elif x == 9814:
    print(9814)
elif x == 9815:
    print(9815)
elif x == 9816:
    print(9816)
elif x == 9817:
    print(9817)
elif x == 9818:
    print(9818)
elif x == 9819:
    print(9819)
elif x == 9820:
    print(9820)
elif x == 9821:
    print(9821)
elif x == 9822:
    print(9822)
elif x == 9823:
    print(9823)
elif x == 9824:
    print(9824)
elif x == 9825:
    print(9825)
elif x == 9826:
    print(9826)
elif x == 9827:
    print(9827)
elif x == 9828:
    print(9828)
elif x == 9829:
    print(9829)
elif x == 9830:
    print(9830)
elif x == 9831:
    print(9831)
elif x == 9832:
    print(9832)
elif x == 9833:
    print(9833)
elif x == 9834:
    print(9834)
elif x == 9835:
    print(9835)
elif x == 9836:
    print(9836)
elif x == 9837:
    print(9837)
elif x == 9838:
    print(9838)
elif x == 9839:
    print(9839)
elif x == 9840:
    print(9840)
elif x == 9841:
    print(9841)
elif x == 9842:
    print(9842)
elif x == 9843:
    print(9843)
elif x == 9844:
    print(9844)
elif x == 9845:
    print(9845)
elif x == 9846:
    print(9846)
elif x == 9847:
    print(9847)
elif x == 9848:
    print(9848)
elif x == 9849:
    print(9849)
elif x == 9850:
    print(9850)
elif x == 9851:
    print(9851)
elif x == 9852:
    print(9852)
elif x == 9853:
    print(9853)
elif x == 9854:
    print(9854)
elif x == 9855:
    print(9855)
elif x == 9856:
    print(9856)
elif x == 9857:
    print(9857)
elif x == 9858:
    print(9858)
elif x == 9859:
    print(9859)
elif x == 9860:
    print(9860)
elif x == 9861:
    print(9861)
elif x == 9862:
    print(9862)
elif x == 9863:
    print(9863)
elif x == 9864:
    print(9864)
elif x == 9865:
    print(9865)
elif x == 9866:
    print(9866)
elif x == 9867:
    print(9867)
elif x == 9868:
    print(9868)
elif x == 9869:
    print(9869)
elif x == 9870:
    print(9870)
elif x == 9871:
    print(9871)
elif x == 9872:
    print(9872)
elif x == 9873:
    print(9873)
elif x == 9874:
    print(9874)
elif x == 9875:
    print(9875)
elif x == 9876:
    print(9876)
elif x == 9877:
    print(9877)
elif x == 9878:
    print(9878)
elif x == 9879:
    print(9879)
elif x == 9880:
    print(9880)
elif x == 9881:
    print(9881)
elif x == 9882:
    print(9882)
elif x == 9883:
    print(9883)
elif x == 9884:
    print(9884)
elif x == 9885:
    print(9885)
elif x == 9886:
    print(9886)
elif x == 9887:
    print(9887)
elif x == 9888:
    print(9888)
elif x == 9889:
    print(9889)
elif x == 9890:
    print(9890)
elif x == 9891:
    print(9891)
elif x == 9892:
    print(9892)
elif x == 9893:
    print(9893)
elif x == 9894:
    print(9894)
elif x == 9895:
    print(9895)
elif x == 9896:
    print(9896)
elif x == 9897:
    print(9897)
elif x == 9898:
    print(9898)
elif x == 9899:
    print(9899)
elif x == 9900:
    print(9900)
elif x == 9901:
    print(9901)
elif x == 9902:
    print(9902)
elif x == 9903:
    print(9903)
elif x == 9904:
    print(9904)
elif x == 9905:
    print(9905)
elif x == 9906:
    print(9906)
elif x == 9907:
    print(9907)
elif x == 9908:
    print(9908)
elif x == 9909:
    print(9909)
elif x == 9910:
    print(9910)
elif x == 9911:
    print(9911)
elif x == 9912:
    print(9912)
elif x == 9913:
    print(9913)
elif x == 9914:
    print(9914)
elif x == 9915:
    print(9915)
elif x == 9916:
    print(9916)
elif x == 9917:
    print(9917)
elif x == 9918:
    print(9918)
elif x == 9919:
    print(9919)
elif x == 9920:
    print(9920)
elif x == 9921:
    print(9921)
elif x == 9922:
    print(9922)
elif x == 9923:
    print(9923)
elif x == 9924:
    print(9924)
elif x == 9925:
    print(9925)
elif x == 9926:
    print(9926)
elif x == 9927:
    print(9927)
elif x == 9928:
    print(9928)
elif x == 9929:
    print(9929)
elif x == 9930:
    print(9930)
elif x == 9931:
    print(9931)
elif x == 9932:
    print(9932)
elif x == 9933:
    print(9933)
elif x == 9934:
    print(9934)
elif x == 9935:
    print(9935)
elif x == 9936:
    print(9936)
elif x == 9937:
    print(9937)
elif x == 9938:
    print(9938)
elif x == 9939:
    print(9939)
elif x == 9940:
    print(9940)
elif x == 9941:
    print(9941)
elif x == 9942:
    print(9942)
elif x == 9943:
    print(9943)
elif x == 9944:
    print(9944)
elif x == 9945:
    print(9945)
elif x == 9946:
    print(9946)
elif x == 9947:
    print(9947)
elif x == 9948:
    print(9948)
elif x == 9949:
    print(9949)
elif x == 9950:
    print(9950)
elif x == 9951:
    print(9951)
elif x == 9952:
    print(9952)
elif x == 9953:
    print(9953)
elif x == 9954:
    print(9954)
elif x == 9955:
    print(9955)
elif x == 9956:
    print(9956)
elif x == 9957:
    print(9957)
elif x == 9958:
    print(9958)
elif x == 9959:
    print(9959)
elif x == 9960:
    print(9960)
elif x == 9961:
    print(9961)
elif x == 9962:
    print(9962)
elif x == 9963:
    print(9963)
elif x == 9964:
    print(9964)
elif x == 9965:
    print(9965)
elif x == 9966:
    print(9966)
elif x == 9967:
    print(9967)
elif x == 9968:
    print(9968)
elif x == 9969:
    print(9969)
elif x == 9970:
    print(9970)
elif x == 9971:
    print(9971)
elif x == 9972:
    print(9972)
elif x == 9973:
    print(9973)
elif x == 9974:
    print(9974)
elif x == 9975:
    print(9975)
elif x == 9976:
    print(9976)
elif x == 9977:
    print(9977)
elif x == 9978:
    print(9978)
elif x == 9979:
    print(9979)
elif x == 9980:
    print(9980)
elif x == 9981:
    print(9981)
elif x == 9982:
    print(9982)
elif x == 9983:
    print(9983)
elif x == 9984:
    print(9984)
elif x == 9985:
    print(9985)
elif x == 9986:
    print(9986)
elif x == 9987:
    print(9987)
elif x == 9988:
    print(9988)
elif x == 9989:
    print(9989)
elif x == 9990:
    print(9990)
elif x == 9991:
    print(9991)
elif x == 9992:
    print(9992)
elif x == 9993:
    print(9993)
elif x == 9994:
    print(9994)
elif x == 9995:
    print(9995)
elif x == 9996:
    print(9996)
elif x == 9997:
    print(9997)
elif x == 9998:
    print(9998)
elif x == 9999:
    print(9999)
