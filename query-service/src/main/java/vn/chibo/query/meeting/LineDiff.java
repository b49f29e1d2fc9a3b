package vn.chibo.query.meeting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import vn.chibo.query.meeting.MeetingViews.DiffLine;

/** A line diff of two texts (longest common subsequence): " " kept, "-" removed, "+" added. */
public final class LineDiff {
    private LineDiff() {
    }

    public static List<DiffLine> between(String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<DiffLine> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add(new DiffLine(" ", a[i++]));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new DiffLine("-", a[i++]));
            } else {
                out.add(new DiffLine("+", b[j++]));
            }
        }
        Arrays.stream(a, i, a.length).forEach(l -> out.add(new DiffLine("-", l)));
        Arrays.stream(b, j, b.length).forEach(l -> out.add(new DiffLine("+", l)));
        return out;
    }

    private static String[] lines(String text) {
        return text == null || text.isEmpty() ? new String[0] : text.split("\\R", -1);
    }
}
