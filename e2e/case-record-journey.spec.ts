import type { Page } from '@playwright/test'
import { expect, test, type ExpectAccessible } from './fixtures.js'
import { AddChildPage, type NewChild } from './pages/add-child-page.js'
import { AssessmentsPage } from './pages/assessments-page.js'
import { ChildProtectionPage } from './pages/child-protection-page.js'
import { ChildRecordPage } from './pages/child-record-page.js'
import { ChronologyPage } from './pages/chronology-page.js'
import { FamilyPage } from './pages/family-page.js'
import { FindChildPage } from './pages/find-child-page.js'
import { FrontDoorPage } from './pages/front-door-page.js'
import { isoFromUkDate, ukDate } from './pages/govuk-form.js'
import { Header } from './pages/header.js'
import { LookedAfterPage } from './pages/looked-after-page.js'
import { SignInPage, type DemoAccounts } from './pages/sign-in-page.js'

/*
 * Issue 3's acceptance journey: a police contact about two siblings → referral → assessment →
 * strategy discussion → section 47 enquiry → initial conference → a child protection plan for both;
 * later one child becomes looked after (section 20, foster placement U3, out of borough) and moves
 * placement; the chronology shows it all in order. Every page visited is checked with axe.
 */

// ------------------------------------------------------------------------------------------- dates

const DAY_MS = 86_400_000

function todayInLondon(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The Monday on or before a date, so the front door's day is a working day. */
function mondayOnOrBefore(isoDate: string): string {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay() // 0 = Sunday
  return addDays(isoDate, -((weekday + 6) % 7))
}

const today = todayInLondon()
/** The day the police call, about three months ago; everything else follows from it. */
const contactDay = mondayOnOrBefore(addDays(today, -84))
const DATES = {
  contact: contactDay,
  assessmentStart: addDays(contactDay, 1),
  strategyDiscussion: addDays(contactDay, 2),
  section47Start: addDays(contactDay, 3),
  section47End: addDays(contactDay, 10),
  // 8 working days after the strategy discussion: inside the 15-working-day target for an initial conference.
  initialConference: addDays(contactDay, 14),
  lookedAfter: addDays(contactDay, 35),
  placementMove: addDays(contactDay, 56),
  // A manager cannot authorise before the assessment was submitted, which the journey does today.
  authorised: today,
}

/** Born `years` ago, on a fixed day of the year. */
const bornYearsAgo = (years: number, monthDay: string) => `${Number(today.slice(0, 4)) - years}-${monthDay}`

// ------------------------------------------------------------------------------------------- people

const SURNAME = 'Quillfeather'
const HOME_POSTCODE = 'FY1 1AD' // Blackpool
const OLDER: NewChild = {
  firstName: 'Zephyrine',
  lastName: SURNAME,
  dateOfBirth: bornYearsAgo(9, '05-14'),
  sex: 'Female',
  ethnicity: 'White British (WBRI)',
  upnUnknownReason: 'UPN not yet known',
  homePostcode: HOME_POSTCODE,
  languages: 'English',
}
const YOUNGER: NewChild = { ...OLDER, firstName: 'Orrin', dateOfBirth: bornYearsAgo(6, '09-03'), sex: 'Male' }
const fullName = (child: NewChild) => `${child.firstName} ${child.lastName}`
const GROUP_NAME = `${SURNAME} children`

/*
 * Placements outside Blackpool, with their straight-line distances from FY1 1AD (reference/postcodes:
 * FY1 1AD is at 330849,436336; LA1 1AD at 347260,462333; PR1 0AA at 351943,428209).
 */
const FIRST_PLACEMENT = { postcode: 'LA1 1AD', miles: '19.1' } // Lancaster
const SECOND_PLACEMENT = { postcode: 'PR1 0AA', miles: '14.0' } // Preston

// ------------------------------------------------------------------------------------------- steps

async function signIn(page: Page, demo: DemoAccounts, role: string, expectAccessible: ExpectAccessible) {
  const signInPage = new SignInPage(page)
  await signInPage.goto()
  await expectAccessible(page)
  await signInPage.signIn(demo.emailFor(role), demo.password)
  await expect(page).toHaveURL('/')
  await expectAccessible(page)
}

/** Find a child → Add a child → (possible duplicates) → check the details → add. Leaves the browser on the new record. */
async function addChild(
  page: Page,
  child: NewChild,
  expectAccessible: ExpectAccessible,
): Promise<{ path: string; childId: string }> {
  await new Header(page).navigationLink('Find a child').click()
  const find = new FindChildPage(page)
  await expect(find.heading).toBeVisible()
  await expectAccessible(page)
  await find.addChildLink().click()

  const add = new AddChildPage(page)
  await expect(add.heading).toBeVisible()
  await expectAccessible(page)
  await add.fillDetails(child)
  await add.continue()
  // A fresh synthetic council has no Quillfeathers; a database reused from an earlier run may have, and
  // then the duplicate check asks first. These are different children, as a social worker would say.
  if (await add.duplicatesHeading.isVisible()) {
    await expectAccessible(page)
    await add.continueAsDifferentChild()
  }
  await expect(add.checkHeading).toBeVisible()
  await expect(add.answer('Date of birth')).toHaveText(ukDate(child.dateOfBirth))
  await expect(add.answer('Home postcode')).toHaveText(child.homePostcode)
  await expectAccessible(page)
  await add.addTheChild()

  const record = new ChildRecordPage(page)
  await expect(page).toHaveURL(/\/children\/\d+\?created=1$/)
  await expect(record.notification()).toContainText('The child has been added and allocated.')
  await expect(record.childHeader).toContainText(fullName(child))
  await expectAccessible(page)
  return { path: new URL(page.url()).pathname, childId: await record.readChildId() }
}

/** Starts, records and submits a child and family assessment; returns the assessment's address. */
async function assess(page: Page, childPath: string, expectAccessible: ExpectAccessible): Promise<string> {
  await page.goto(`${childPath}/assessments`)
  const record = new ChildRecordPage(page)
  await expect(record.sections.locator('[aria-current="page"]')).toHaveText('Assessments and plans')
  const assessments = new AssessmentsPage(page)
  await expect(assessments.heading).toHaveText('Assessments and plans')
  await expectAccessible(page)

  await assessments.startAssessmentLink.click()
  await expect(assessments.heading).toHaveText('Start an assessment')
  await expectAccessible(page)
  await assessments.start(`Referral of ${ukDate(DATES.contact)}`, DATES.assessmentStart)
  await expect(record.notification()).toContainText('Assessment started.')
  await expect(assessments.detail('Start date')).toHaveText(ukDate(DATES.assessmentStart))
  await expectAccessible(page)
  const assessmentPath = new URL(page.url()).pathname

  await assessments.action('Record factors and outcome').click()
  await expect(assessments.heading).toHaveText('Record the assessment')
  await expectAccessible(page)
  await assessments.record({
    factors: [
      ['Abuse and neglect', 'Neglect'],
      ['Alcohol and drugs', 'Alcohol misuse by a parent or carer'],
    ],
    childSeen: 'Yes',
    outcome: 'Strategy discussion (possible section 47 enquiry)',
  })
  await expect(record.notification()).toContainText('Assessment saved.')
  await expect(assessments.detail('Factors identified')).toContainText('Neglect')
  await expectAccessible(page)

  await assessments.action('Submit for authorisation').click()
  await expect(assessments.heading).toHaveText('Check the assessment before you submit it')
  await expectAccessible(page)
  await assessments.submitForAuthorisation()
  await expect(record.notification()).toContainText('Assessment submitted for authorisation.')
  await expect(assessments.detail('Status')).toContainText(/submitted/i)
  await expectAccessible(page)
  return assessmentPath
}

/** The team manager opens a submitted assessment, authorises it and confirms on the check page. */
async function authorise(page: Page, assessmentPath: string, expectAccessible: ExpectAccessible) {
  const assessments = new AssessmentsPage(page)
  await page.goto(assessmentPath)
  await expect(assessments.heading).toHaveText('Child and family assessment')
  await expectAccessible(page)
  await assessments.action('Authorise assessment').click()
  await expect(assessments.heading).toHaveText('Authorise the assessment')
  await expectAccessible(page)
  await assessments.authorise(DATES.authorised)
  await expect(assessments.heading).toHaveText('Check your answers before authorising the assessment')
  await expectAccessible(page)
  await assessments.confirmAuthorisation()
  await expect(new ChildRecordPage(page).notification()).toContainText('Assessment authorised.')
  await expect(assessments.detail('Status')).toContainText(/authorised/i)
  await expectAccessible(page)
}

// ------------------------------------------------------------------------------------------- the journey

test('two siblings from a police contact to child protection plans, then one becomes looked after and moves', async ({
  page,
  browser,
  demoAccounts,
  expectAccessible,
}) => {
  // About two minutes: some seventy pages, each checked with axe. The margin is for a busy machine.
  test.setTimeout(240_000)
  const older = fullName(OLDER)
  const younger = fullName(YOUNGER)
  let olderPath = ''
  let olderId = ''
  let youngerPath = ''
  const assessmentPaths: string[] = []

  await test.step('a social worker signs in and adds the two children', async () => {
    await signIn(page, demoAccounts, 'Social worker', expectAccessible)
    const added = await addChild(page, OLDER, expectAccessible)
    olderPath = added.path
    olderId = added.childId
    youngerPath = (await addChild(page, YOUNGER, expectAccessible)).path
  })

  await test.step('they are linked as brother and sister and put in a sibling group', async () => {
    // From the younger child's new record.
    const record = new ChildRecordPage(page)
    await record.openSection('Family and people')
    const family = new FamilyPage(page)
    await expect(family.heading).toHaveText('Family and people')
    await expectAccessible(page)

    await family.linkSiblingLink.click()
    await expect(family.heading).toHaveText('Link a brother or sister')
    await expectAccessible(page)
    await family.linkSibling(olderId, 'Brother or sister')
    await expect(record.notification()).toContainText('The brother or sister has been linked.')
    await expect(family.linkedSiblings.getByRole('link', { name: older, exact: true })).toBeVisible()
    await expectAccessible(page)

    await family.createGroupLink.click()
    await expect(family.heading).toHaveText('Create a sibling group')
    await expectAccessible(page)
    await family.createGroup(GROUP_NAME, [older])
    await expect(record.notification()).toContainText('The sibling group has been saved.')
    const group = family.siblingGroup(GROUP_NAME)
    await expect(group).toContainText(younger)
    await expect(group.getByRole('link', { name: older, exact: true })).toBeVisible()
    await expectAccessible(page)

    // From the group, on to the older child's record: the group shows there too.
    await group.getByRole('link', { name: older, exact: true }).click()
    await expect(page).toHaveURL(olderPath)
    await expect(record.childHeader).toContainText(older)
    await expectAccessible(page)
    await record.openSection('Family and people')
    await expect(family.siblingGroup(GROUP_NAME).getByRole('link', { name: younger, exact: true })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('the police contact is recorded for both and the front door makes it a referral', async () => {
    const record = new ChildRecordPage(page)
    await record.openSection('Contacts and referrals')
    const frontDoor = new FrontDoorPage(page)
    await expect(frontDoor.heading).toHaveText('Contacts and referrals')
    await expectAccessible(page)

    await frontDoor.recordContactLink.click()
    await expect(frontDoor.heading).toHaveText('Record a contact')
    await expectAccessible(page)
    await frontDoor.recordContact({
      receivedOn: DATES.contact,
      receivedAt: '10:15',
      source: 'Police',
      referrerName: 'PC Amara Stone',
      referrerOrganisation: 'Lancashire Constabulary',
      concern:
        'Officers attended a domestic incident overnight. Both children were at home; the house was cold, with ' +
        'little food, and the mother was intoxicated.',
      alsoFor: [younger],
    })
    await expect(record.notification()).toContainText('Contact recorded for each child selected.')
    await expect(frontDoor.contacts).toContainText('Awaiting decision')
    await expectAccessible(page)

    await frontDoor.recordDecisionLink().click()
    await expect(frontDoor.heading).toHaveText('Record the front door decision')
    await expectAccessible(page)
    await frontDoor.recordDecision({
      decision: 'Referral to children’s social care',
      decidedOn: DATES.contact,
      decidedAt: '15:30',
      alsoFor: [younger],
    })
    await expect(record.notification()).toContainText('Decision recorded and referral created.')
    await expect(frontDoor.contacts).toContainText('Within 1 working day')
    await expect(frontDoor.referrals.getByRole('rowheader', { name: ukDate(DATES.contact) })).toBeVisible()
    await expect(frontDoor.referrals).toContainText('First referral in 12 months')
    await expectAccessible(page)

    // The younger child has their own copy of the contact, decided, and their own referral.
    await page.goto(`${youngerPath}/front-door`)
    await expect(frontDoor.contacts).toContainText('Referral to children’s social care')
    await expect(frontDoor.referrals.getByRole('rowheader', { name: ukDate(DATES.contact) })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('each child is assessed and the assessments are submitted', async () => {
    assessmentPaths.push(await assess(page, olderPath, expectAccessible))
    assessmentPaths.push(await assess(page, youngerPath, expectAccessible))
  })

  await test.step('the team manager authorises both assessments', async () => {
    // The demo team manager manages the demo social worker's team, so the children are in their scope.
    const managerContext = await browser.newContext()
    try {
      const managerPage = await managerContext.newPage()
      await signIn(managerPage, demoAccounts, 'Team manager', expectAccessible)
      for (const assessmentPath of assessmentPaths) await authorise(managerPage, assessmentPath, expectAccessible)
    } finally {
      await managerContext.close()
    }
  })

  await test.step('strategy discussion, section 47 enquiry and initial conference, recorded for both', async () => {
    await page.goto(`${olderPath}/child-protection`)
    const record = new ChildRecordPage(page)
    const cp = new ChildProtectionPage(page)
    await expect(cp.heading).toHaveText('Child protection')
    await expectAccessible(page)

    await cp.link('Record a strategy discussion').click()
    await expect(cp.heading).toHaveText('Record a strategy discussion')
    await expectAccessible(page)
    await cp.recordStrategyDiscussion({
      heldOn: DATES.strategyDiscussion,
      agencies: ['Children’s social care', 'Police', 'Health', 'Education or early years'],
      summary: 'Neglect and exposure to domestic abuse: threshold for a section 47 enquiry met for both children.',
      decision: 'Start a section 47 enquiry',
      alsoFor: [younger],
    })
    await expect(record.notification()).toContainText('Strategy discussion recorded for 2 children.')
    await expectAccessible(page)

    await cp.link('Record the section 47 enquiry').click()
    await expect(cp.heading).toHaveText('Record a section 47 enquiry')
    await expectAccessible(page)
    await cp.recordSection47(DATES.section47Start, [younger])
    await expect(record.notification()).toContainText('Section 47 enquiry recorded for 2 children.')
    await expectAccessible(page)

    await cp.link('Record the outcome of the enquiry').click()
    await expect(cp.heading).toHaveText('Record the outcome of a section 47 enquiry')
    await expectAccessible(page)
    await cp.recordSection47Outcome(
      DATES.section47End,
      'Concerns substantiated: an initial child protection conference is needed',
      [younger],
    )
    await expect(record.notification()).toContainText('Outcome of the section 47 enquiry recorded for 2 children.')
    await expectAccessible(page)

    await cp.link('Record the initial conference').click()
    await expect(cp.heading).toHaveText('Record an initial child protection conference')
    await expectAccessible(page)
    await cp.recordInitialConference({
      conferenceDate: DATES.initialConference,
      decision: 'Make a child protection plan',
      category: 'Neglect',
      alsoFor: [younger],
    })
    await expect(record.notification()).toContainText('Initial child protection conference recorded for 2 children.')
    await expectAccessible(page)

    // Both children now have a current plan, started at the conference, under neglect.
    for (const childPath of [olderPath, youngerPath]) {
      if (new URL(page.url()).pathname !== `${childPath}/child-protection`) {
        await page.goto(`${childPath}/child-protection`)
        await expectAccessible(page)
      }
      const plan = cp.plan('Current child protection plan')
      await expect(plan).toHaveCount(1)
      await expect(cp.planDetail(plan, 'Started (initial conference)')).toHaveText(ukDate(DATES.initialConference))
      await expect(cp.planDetail(plan, 'Initial category of abuse')).toHaveText('Neglect (NEG)')
      await expect(cp.planDetail(plan, 'Second or subsequent plan')).toHaveText('No: the child’s first plan')
    }
  })

  await test.step('the older child becomes looked after under section 20, placed out of borough', async () => {
    await page.goto(`${olderPath}/looked-after`)
    const record = new ChildRecordPage(page)
    const lookedAfter = new LookedAfterPage(page)
    await expect(lookedAfter.heading).toHaveText('Looked after')
    await expectAccessible(page)

    await lookedAfter.link('Record that they became looked after').click()
    await expect(lookedAfter.heading).toHaveText('Record that they became looked after')
    await expectAccessible(page)
    await lookedAfter.startPeriodOfCare({
      startDate: DATES.lookedAfter,
      legalStatus: 'Accommodated by agreement (section 20)',
      categoryOfNeed: 'Abuse or neglect',
      placementType: 'Foster care with family or friends',
      provider: 'The council’s own provision',
      placementPostcode: FIRST_PLACEMENT.postcode,
      urn: 'SC045099',
    })
    await expect(lookedAfter.heading).toHaveText('Check your answers before they become looked after')
    await expect(lookedAfter.answer('Legal status')).toHaveText('Accommodated by agreement (section 20) (V2)')
    await expect(lookedAfter.answer('Placement type')).toHaveText('Foster care with family or friends (U3)')
    await expect(lookedAfter.answer('Where the placement is')).toHaveText(
      `Out of borough, ${FIRST_PLACEMENT.miles} miles from home`,
    )
    await expect(lookedAfter.answer('Reason for new episode (worked out)')).toHaveText('Started to be looked after (S)')
    await expectAccessible(page)
    await lookedAfter.confirm('Record that they are looked after')
    await expect(record.notification()).toContainText('They are recorded as looked after')
    await expect(lookedAfter.summaryValue(lookedAfter.currentPlacement, 'Placement postcode')).toHaveText(
      FIRST_PLACEMENT.postcode,
    )
    await expectAccessible(page)
  })

  await test.step('three weeks later the child moves to another foster placement', async () => {
    const record = new ChildRecordPage(page)
    const lookedAfter = new LookedAfterPage(page)
    await lookedAfter.link('Record a change of placement').click()
    await expect(lookedAfter.heading).toHaveText('Record a change of placement')
    await expectAccessible(page)
    await lookedAfter.changePlacement({
      moveDate: DATES.placementMove,
      sameCarers: 'No',
      legalStatus: 'No change: Accommodated by agreement (section 20) (V2)',
      placementType: 'Foster care with other carers',
      provider: 'Private provider',
      placementPostcode: SECOND_PLACEMENT.postcode,
      urn: 'SC071234',
      reason: 'Care plan changed or carried out',
    })
    await expect(lookedAfter.heading).toHaveText('Check your answers before recording the move')
    await expect(lookedAfter.answer('Where the placement is')).toHaveText(
      `Out of borough, ${SECOND_PLACEMENT.miles} miles from home`,
    )
    await expect(lookedAfter.answer('Reason for new episode (worked out)')).toHaveText(
      'Changed placement and carer (P)',
    )
    await expectAccessible(page)
    await lookedAfter.confirm('Record the change of placement')
    await expect(record.notification()).toContainText('Change of placement recorded')
    await expect(lookedAfter.summaryValue(lookedAfter.currentPlacement, 'Placement type')).toHaveText(
      'Foster care with other carers (U6)',
    )
    // One period of care, two episodes: the first ended by the move (X1), the second current.
    await expect(lookedAfter.periodOfCare().locator('tbody tr')).toHaveCount(2)
    await expectAccessible(page)
  })

  await test.step('the chronology shows it all, in date order', async () => {
    const record = new ChildRecordPage(page)
    await record.openSection('Chronology')
    const chronology = new ChronologyPage(page)
    await expect(chronology.heading).toBeVisible()
    await expect(chronology.table).toHaveAccessibleName('Chronology, newest first')
    await expectAccessible(page)
    await chronology.showOldestFirst.click()
    await expect(chronology.table).toHaveAccessibleName('Chronology, oldest first')
    await expectAccessible(page)

    const expected: { date: string; summary: RegExp }[] = [
      { date: DATES.contact, summary: /^Contact received from police \(Lancashire Constabulary\)$/ },
      { date: DATES.contact, summary: /^MASH decision: accepted as a referral to children’s social care$/ },
      { date: DATES.contact, summary: /^Referral from police$/ },
      { date: DATES.assessmentStart, summary: /^Child and family assessment started$/ },
      { date: DATES.strategyDiscussion, summary: /^Strategy discussion held: section 47 enquiry to start$/ },
      { date: DATES.section47Start, summary: /^Section 47 enquiry started$/ },
      { date: DATES.section47End, summary: /^Section 47 enquiry ended: initial child protection conference$/ },
      {
        date: DATES.initialConference,
        summary: /^Initial child protection conference: child protection plan made, neglect$/,
      },
      { date: DATES.initialConference, summary: /^Child protection plan started: neglect$/ },
      {
        date: DATES.lookedAfter,
        summary: new RegExp(
          '^Became looked after: Accommodated by agreement \\(section 20\\) \\(V2\\); ' +
            `Foster care with family or friends \\(U3\\), out of borough, ${Number(FIRST_PLACEMENT.miles)} miles$`,
        ),
      },
      {
        date: DATES.placementMove,
        summary: new RegExp(
          `^Placement changed to Foster care with other carers \\(U6\\), out of borough, ${Number(SECOND_PLACEMENT.miles)} miles; ` +
            'reason: Care plan changed or carried out$',
        ),
      },
      {
        date: DATES.authorised,
        summary: /^Child and family assessment authorised by .+; outcome: strategy discussion$/,
      },
    ]

    const lines = await chronology.lines()
    const shown = lines.map((line) => `${line.date} | ${line.summary}`).join('\n')
    let previousIndex = -1
    for (const entry of expected) {
      const index = lines.findIndex((line) => entry.summary.test(line.summary))
      expect(
        index,
        `"${String(entry.summary)}" after line ${previousIndex + 1} of the chronology:\n${shown}`,
      ).toBeGreaterThan(previousIndex)
      expect(lines[index]?.date, `the date of "${lines[index]?.summary ?? ''}"`).toBe(ukDate(entry.date))
      previousIndex = index
    }
    expect(lines.find((line) => /^Contact received/.test(line.summary))?.time).toBe('10:15')
    // The whole page, not only the journey's lines, is oldest first.
    const days = lines.map((line) => isoFromUkDate(line.date))
    expect(days, `the chronology's dates, oldest first:\n${shown}`).toEqual([...days].sort())
  })

  await test.step('the chronology can be filtered to periods of care and placements', async () => {
    const chronology = new ChronologyPage(page)
    await chronology.filterBy(['Periods of care and placements'])
    await expect(chronology.filteredNote).toBeVisible()
    const lines = await chronology.lines()
    expect(lines.map((line) => line.date)).toEqual([ukDate(DATES.lookedAfter), ukDate(DATES.placementMove)])
    await expectAccessible(page)
  })
})
