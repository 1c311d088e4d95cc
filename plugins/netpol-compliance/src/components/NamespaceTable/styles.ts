import { makeStyles } from '@material-ui/core/styles';

/** One style sheet for the table's parts, so they share its class names. */
export const useNamespaceTableStyles = makeStyles(theme => ({
  // Words wrap whole: a cluster name or an outcome broken mid-word is hard
  // to read.
  // Narrower padding so all nine columns fit a laptop screen.
  table: {
    '& td, & th': {
      wordBreak: 'normal',
      overflowWrap: 'normal',
      paddingRight: theme.spacing(1),
    },
  },
  nowrap: { whiteSpace: 'nowrap' },
  reasonCell: { minWidth: 180, maxWidth: 420 },
  // Control names wrap so that all columns, the reason and the Fix button fit
  // a laptop screen without scrolling sideways.
  controlHeader: { verticalAlign: 'bottom', minWidth: 88 },
  controlId: { display: 'block', color: theme.palette.text.secondary },
  detailsCell: { backgroundColor: theme.palette.background.default },
  reasons: { margin: 0 },
}));
